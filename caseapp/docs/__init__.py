"""The documentation caseapp serves to its signed-in users: the API reference, read from the API's own
OpenAPI document and shown with the app's templates (no script, no inline style: the strict CSP holds)."""
