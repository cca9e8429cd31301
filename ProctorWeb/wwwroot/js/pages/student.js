// A student's timeline: clip players that can seek.
import { learnDuration } from '../clipPlayer.js';

for (const video of document.querySelectorAll('video.clip-player')) learnDuration(video);
