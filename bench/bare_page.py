"""The yardstick of bench/pages.py: a bare Flask + SQLAlchemy + Jinja app over the same cases table.

No sign-in, no permissions, no audit, no search: the 25 newest cases of the table as a list, and one case
by its id, each rendered from a template. Whatever caseapp's pages cost beyond this is caseapp's own.
Served by gunicorn exactly as caseapp is: `BARE_DATABASE_URL=... gunicorn bench.bare_page:app`.
"""
from __future__ import annotations

import os

from flask import Flask, abort, render_template_string
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ["BARE_DATABASE_URL"], pool_pre_ping=True)

LIST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cases</title></head><body>
<h1>Cases</h1><table><thead><tr><th>Reference</th><th>Title</th><th>Status</th><th>Country</th><th>Updated</th></tr>
</thead><tbody>{% for case in cases %}<tr><td><a href="/bare/cases/{{ case.id }}">{{ case.reference }}</a></td>
<td>{{ case.title }}</td><td>{{ case.status }}</td><td>{{ case.country }}</td><td>{{ case.updated_at }}</td></tr>
{% endfor %}</tbody></table></body></html>"""
CASE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ case.reference }}</title></head><body>
<h1>{{ case.reference }} {{ case.title }}</h1><p>{{ case.summary }}</p><dl><dt>Status</dt><dd>{{ case.status }}</dd>
<dt>Country</dt><dd>{{ case.country }}</dd><dt>Sector</dt><dd>{{ case.sector }}</dd></dl></body></html>"""


@app.get("/bare/cases")
def cases():
    with engine.connect() as connection:
        # One organisation's newest, as caseapp's list asks (and through the same index).
        rows = connection.execute(text("SELECT id, reference, title, status, country, updated_at FROM cases "
                                       "WHERE organisation_id = (SELECT min(id) FROM organisations) "
                                       "ORDER BY updated_at DESC, id DESC LIMIT 25")).all()
    return render_template_string(LIST, cases=rows)


@app.get("/bare/cases/<int:case_id>")
def case(case_id: int):
    with engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM cases WHERE id = :id"), {"id": case_id}).first()
    if row is None:
        abort(404)
    return render_template_string(CASE, case=row)
