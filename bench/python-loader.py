#!/usr/bin/env python3
# python-loader.py: the Python standard-library reference of bench-import.sh
# (issue 9): the CSV files given, each into a plain table of the same name
# (every column TEXT, as read), with csv and sqlite3, in one transaction.
#
#   python3 bench/python-loader.py DATABASE FILE.csv...
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import os
import sqlite3
import sys


def main():
    database, files = sys.argv[1], sys.argv[2:]
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("BEGIN")
    for path in files:
        table = os.path.basename(path).split("_v")[0]
        with open(path, newline="", encoding="utf-8") as stream:
            rows = csv.reader(stream)
            header = next(rows)
            columns = ", ".join('"%s"' % name for name in header)
            connection.execute('CREATE TABLE "%s" (%s)' % (table, columns))
            connection.executemany('INSERT INTO "%s" VALUES (%s)' % (table, ", ".join("?" * len(header))),
                                   (row for row in rows if row))
    connection.execute("COMMIT")
    connection.close()


if __name__ == "__main__":
    main()
