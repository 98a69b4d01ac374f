#!/bin/sh
# Writes a man page for PROGRAM from its --help and --version output when help2man is not installed, followed by
# the sections of INCLUDE (help2man's include format: "[SECTION]" lines, then roff text).
#   manpage.sh PROGRAM OUTPUT [INCLUDE]
set -eu
program=$1
output=$2
include=${3:-}
version=$("$program" --version | head -n 1)
{
    echo ".TH CAMPDESK 1 \"\" \"$version\" \"User Commands\""
    echo ".SH NAME"
    echo "campdesk \\- campground reservations: admin app, front desk and walk-in kiosk"
    echo ".SH DESCRIPTION"
    echo ".nf"
    "$program" --help | sed -e 's/\\/\\\\/g' -e 's/^\./\\\&./'
    echo ".fi"
    if [ -n "$include" ]; then
        sed -e 's/^\[\(.*\)\]$/.SH \1/' "$include"
    fi
} >"$output"
