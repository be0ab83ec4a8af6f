"""caseapp: case management for NGOs that document forced labour.

Importing a sub-module never imports Flask by itself; `caseapp.app.create_app`
builds the web application.
"""

# The release, in one place: the footer, GET /api/v1/meta, backups (which version made them) and
# CHANGELOG.md. Semantic versioning: the API's own version is caseapp.api.openapi.API_VERSION.
__version__ = "0.9.0"
