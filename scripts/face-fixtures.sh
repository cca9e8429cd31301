#!/bin/sh
# Makes fake-camera files (320x240, one also 640x360; yuv420p .y4m) of real faces, of no face, of two faces, of a
# face turned away and of a second person, from photos that Debian packages ship: python3-skimage
# (astronaut.png: NASA, public domain; camera.png, coffee.png: CC0) and python-matplotlib-data
# (grace_hopper.jpg: US Navy, public domain). Chromium plays one with
# --use-file-for-fake-video-capture=FILE. Usage: face-fixtures.sh OUT_DIR
set -eu
OUT=${1:?usage: face-fixtures.sh OUT_DIR}
mkdir -p "$OUT"
command -v ffmpeg >/dev/null || { echo "face-fixtures.sh needs ffmpeg: run scripts/install-deps.sh" >&2; exit 1; }
# Unpacks a Debian package into a temporary folder without installing it, and prints that folder. A machine
# whose package lists were never fetched (a fresh image) gets them first, as install-deps.sh would.
unpack() {
  dir=$(mktemp -d)
  if ! (cd "$dir" && apt-get download "$1" >/dev/null 2>&1); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq >/dev/null
    (cd "$dir" && apt-get download "$1" >/dev/null) || { echo "face-fixtures.sh could not download $1" >&2; exit 1; }
  fi
  dpkg -x "$dir"/"$1"_*.deb "$dir/x"
  echo "$dir/x"
}
SK=/usr/lib/python3/dist-packages/skimage/data
[ -f "$SK/astronaut.png" ] || SK="$(unpack python3-skimage)/usr/lib/python3/dist-packages/skimage/data"
MPL=/usr/share/matplotlib/mpl-data/sample_data
[ -f "$MPL/grace_hopper.jpg" ] || MPL="$(unpack python-matplotlib-data)/usr/share/matplotlib/mpl-data/sample_data"
Y="-frames:v 1 -r 10 -pix_fmt yuv420p -f yuv4mpegpipe"
ff() { ffmpeg -v error -y "$@"; }
ff -i "$SK/astronaut.png" -vf "crop=384:288:64:0,scale=320:240" $Y "$OUT/one-face.y4m"
ff -i "$SK/astronaut.png" -vf "scale=200:200,pad=320:240:60:40:gray" $Y "$OUT/one-face-small.y4m"
# the same person at the exam camera's size
ff -i "$SK/astronaut.png" -vf "crop=512:288:0:0,scale=640:360" $Y "$OUT/one-face-640x360.y4m"
ff -i "$SK/astronaut.png" -filter_complex "[0]crop=256:384:128:0,scale=160:240,split[a][b];[b]hflip[c];[a][c]hstack" $Y "$OUT/two-faces.y4m"
ff -i "$SK/coffee.png" -vf "crop=533:400:33:0,scale=320:240" $Y "$OUT/no-face-coffee.y4m"
ff -f lavfi -i "color=c=0xcfc6b8:s=320x240,noise=alls=6:allf=t" $Y "$OUT/no-face-wall.y4m"
ff -i "$SK/camera.png" -vf "crop=384:288:40:20,scale=320:240,format=gray" $Y "$OUT/face-profile.y4m"
ff -i "$SK/astronaut.png" -vf "pad=800:512:0:0:gray,crop=384:288:215:0,scale=320:240" $Y "$OUT/face-half-out.y4m"
# a second person, frontal
ff -i "$MPL/grace_hopper.jpg" -vf "crop=512:384:0:20,scale=320:240" $Y "$OUT/other-person.y4m"
# 2 fps loop: 6 s the first person, 6 s the second person (a different person sits down)
ff -i "$OUT/one-face.y4m" -i "$OUT/other-person.y4m" -filter_complex "[0]loop=11:1:0,setpts=N/2/TB[a];[1]loop=11:1:0,setpts=N/2/TB[b];[a][b]concat=n=2:v=1,fps=2" -pix_fmt yuv420p -f yuv4mpegpipe "$OUT/person-changes.y4m"
# 2 fps loop: 3 s one face, 3 s empty wall
ff -i "$OUT/one-face.y4m" -i "$OUT/no-face-wall.y4m" -filter_complex "[0]loop=5:1:0,setpts=N/2/TB[a];[1]loop=5:1:0,setpts=N/2/TB[b];[a][b]concat=n=2:v=1,fps=2" -pix_fmt yuv420p -f yuv4mpegpipe "$OUT/face-then-away.y4m"
ls -l "$OUT"
