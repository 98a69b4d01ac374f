#!/bin/sh
# Writes a man page for PROGRAM from its --help and --version output when help2man is not installed.
#   manpage.sh PROGRAM OUTPUT
set -eu
program=$1
output=$2
version=$("$program" --version | head -n 1)
{
    echo ".TH CAMPDESK 1 \"\" \"$version\" \"User Commands\""
    echo ".SH NAME"
    echo "campdesk \\- campground reservations: admin app, front desk and walk-in kiosk"
    echo ".SH DESCRIPTION"
    echo ".nf"
    "$program" --help | sed -e 's/\\/\\\\/g' -e 's/^\./\\\&./'
    echo ".fi"
} >"$output"
