#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the revision of the collection that ships inside Casebook as a
C header, so that opening a store need not parse the collection to learn
whether the store's copy of it is current.

usage: bundled-revision.py casebook-seed.json OUTPUT.h
"""
import json
import sys

with open(sys.argv[1], encoding='utf-8') as f:
    revision = json.load(f).get('revision')

if type(revision) is not int or revision < 0:
    sys.exit('%s: "revision" must be a whole number of 0 or more' % sys.argv[1])

with open(sys.argv[2], 'w', encoding='utf-8') as out:
    out.write('/* Generated from casebook-seed.json by build-aux/bundled-revision.py. */\n'
              '#pragma once\n\n'
              '#define CASEBOOK_BUNDLED_REVISION G_GINT64_CONSTANT (%d)\n' % revision)
