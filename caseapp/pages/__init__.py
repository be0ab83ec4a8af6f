"""Pages that gather several areas: the start page, the case list and the case page, the source page.

They sit above the areas they show, so that no area imports another above it. Their routes keep the
names and addresses of the area they belong to (cases.show is still /cases/<id>): they are added to
that area's blueprint from here.
"""
