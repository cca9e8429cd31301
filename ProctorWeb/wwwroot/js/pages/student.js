// A student's timeline: clip players that can seek, each loaded once it is scrolled into view.
import { learnDuration } from '../clipPlayer.js';

// Learning a recording's length reads all of it: a timeline with many clips loads only those a proctor looks at.
const observer = new IntersectionObserver(entries => {
    for (const entry of entries.filter(e => e.isIntersecting)) {
        observer.unobserve(entry.target);
        entry.target.preload = 'metadata';
        entry.target.load();
        learnDuration(entry.target);
    }
});
for (const video of document.querySelectorAll('video.clip-player')) observer.observe(video);
