#!/bin/sh
# Makes admincodes.txt from yescallop/areacodes' result.csv (CC0 1.0): every
# six-digit code in the file, current or retired, grouped by its first four
# digits. Usage: sh model/admincodes.sh result.csv > model/admincodes.txt
set -e
cat <<'HEAD'
# GB/T 2260 administrative division codes in use at any time since 1981 (current and retired),
# for checking the first six digits of a resident ID number. One line per prefecture (first four
# digits), then the last two digits of each code under it. Source: yescallop/areacodes (CC0 1.0),
# result.csv at commit eed219a0678d36bacaa717f62443b10e869f0291 (2025-11-04), itself compiled from
# the Ministry of Civil Affairs' code lists and change notices. Made by model/admincodes.sh.
HEAD
tr -d '\r' < "$1" | awk -F, 'NR > 1 && $1 ~ /^[0-9][0-9][0-9][0-9][0-9][0-9]$/ { print $1 }' | sort -u |
	awk '{ p = substr($0, 1, 4); s = substr($0, 5, 2)
	       if (p != last) { if (last != "") print line; line = p ":" s; last = p } else line = line "," s }
	     END { print line }'
