#!/usr/bin/env python3
"""Adds English/Chinese pairs to a pair of resource files (NAME.resx holds English, NAME.zh-CN.resx Chinese).

The English text is the key, as the app looks strings up by it.
  python3 scripts/text.py ProctorWeb/Text/ExamText "Schedule an exam" "安排考试"
  python3 scripts/text.py ProctorWeb/Text/ExamText < pairs.json      # {"English": "中文", ...}
  python3 scripts/text.py ProctorWeb/Text/ExamText --remove "Old text"
Entries stay sorted by key, so two people adding text rarely touch the same lines.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def read(path):
    if not os.path.exists(path):
        return {}
    root = ET.parse(path).getroot()
    return {d.get("name"): (d.findtext("value") or "") for d in root.findall("data")}


def escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def write(path, entries):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for key in sorted(entries, key=lambda k: (k.lower(), k)):
            f.write(f'  <data name="{escape(key)}" xml:space="preserve"><value>{escape(entries[key])}</value></data>\n')
        f.write("</root>\n")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    base = sys.argv[1]
    en_path, zh_path = base + ".resx", base + ".zh-CN.resx"
    en, zh = read(en_path), read(zh_path)
    args = sys.argv[2:]
    if args[:1] == ["--remove"]:
        for key in args[1:]:
            en.pop(key, None)
            zh.pop(key, None)
    elif len(args) == 2:
        en[args[0]] = args[0]
        zh[args[0]] = args[1]
    elif not args:
        for key, chinese in json.load(sys.stdin).items():
            en[key] = key
            zh[key] = chinese
    else:
        sys.exit(__doc__)
    write(en_path, en)
    write(zh_path, zh)


if __name__ == "__main__":
    main()
