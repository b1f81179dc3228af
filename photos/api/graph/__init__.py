"""The Graph API (seed 004): ``nodes`` (one class per kind of object, listing its connections),
``lists`` (the photo lists and their embedded pages) and ``views`` (one thin dispatching view).

The Graph API: objects at the root, under an optional version prefix (``/v2.0/``).

Objects and their IDs:
- users: ``/me`` or ``/{user-id}`` (the numeric user ID); visible to themselves and to people
  (or a workspace token) sharing a workspace with them; ``/me`` needs a user token (2500);
- albums: 16-digit numeric IDs; ``/{user-id}/albums`` lists and creates them (``name``,
  ``message`` as the description); the application album is made on first
  ``POST /{user-id}/photos``;
- photos: ``Photo.public_id`` as is (24 hexadecimal characters; Graph's IDs are numeric, ours
  are not: clients treat IDs as opaque strings) -- the same ID as the generic API's ``_id``;
- the story of an upload: ``{user-id}_{photo-id}``, the ``post_id`` an upload answers.

Choices where Graph has no equivalent here (written down as api-notes asks):
- only photos that are in an album are Graph photos (every Graph upload is); others answer
  "Unsupported get request."; no photo is public;
- every write on a photo (comment, like, tag, delete) needs ``publish_stream`` and the read
  permission on the photo, and a user token;
- an object the caller cannot see answers exactly as one that does not exist (``Unsupported
  <method> request.``), whatever the token's scopes: visibility is checked before scopes and
  before the request's parameters, so no answer tells an invisible object from a missing one;
- ``link`` is the largest stored image (there is no HTML photo page), ``icon`` the photo's own
  32x32 icon, ``place`` a page the uploader belongs to (a workspace, ``place=<id>`` on upload;
  no geographic ``location`` is known), ``name_tags`` come from ``@[user-id]`` or
  ``@[user-id:text]`` in the caption, which the caption keeps as the name (or the text);
- ``tags``, ``comments`` and ``likes`` inside a photo are ``{"data": [...]}`` pages, as in
  Graph's answers of the time; shown when not empty, or when asked for in ``fields``;
- a photo still being processed has no ``picture``, ``source``, ``images``, ``icon``, ``link``,
  ``height`` or ``width`` yet (Graph leaves out what has no value) and its ``/picture`` answers
  a (#100) error until it is ready.
"""
