"""caseapp: case management for NGOs that document forced labour.

Importing a sub-module never imports Flask by itself; `caseapp.app.create_app`
builds the web application.
"""
