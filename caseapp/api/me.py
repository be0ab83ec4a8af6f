"""GET /api/v1/me: who the token belongs to."""
from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from caseapp.api import blueprint
from caseapp.api.schemas import user_json
from caseapp.auth.roles import ROLES
from caseapp.auth import permissions
from caseapp.security import require, roles


@blueprint.get("/me")
@roles(*ROLES)
def me():
    require(permissions.can_use_caseapp)
    return jsonify(user_json(current_user))
