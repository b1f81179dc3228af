"""Each dialect's error table renders every typed domain error, chosen by its class.

The HTTP tests of each dialect pin the bodies of the errors a request can provoke; these cover
what no request here provokes (throttling, an unexpected error, a few rows of the generic
API) and the table's own rule: the nearest class wins, whatever the order of the rows."""

import inspect
from typing import NamedTuple

import pytest
from rest_framework import exceptions as drf

from accounts import authentication
from photos import errors
from photos.dialects import base, graph
from photos.dialects.chatter import errors as chatter
from photos.dialects.generic import views as generic
from photos.dialects.zoho import params as zoho_params
from photos.dialects.zoho import presenters as zoho_presenters
from photos.dialects.zoho import views as zoho

# values for the fields a typed error cannot do without, by the field's name
SAMPLE_FIELDS = {"value": "005xx", "name": "Leads", "since": "29.0", "field": "Last_Name",
                 "limit": 3, "action": "upload", "status": 404, "host": "example.com",
                 "scheme": "ftp", "what": "a loopback address",
                 "outcomes": [zoho_presenters.body("SUCCESS", "record added", status="success"),
                              errors.FieldInvalid("x y", "invalid field name")]}


def every_error_class():
    found, pending = [], [errors.DomainError]
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending.extend(kind.__subclasses__())
    return [kind for kind in found if kind.__module__ == errors.__name__]


def sample(kind):
    required = {name: SAMPLE_FIELDS[name]
                for name, parameter in inspect.signature(kind).parameters.items()
                if parameter.default is inspect.Parameter.empty}
    positional = [required.pop(name) for name, parameter in
                  inspect.signature(kind).parameters.items()
                  if name in required and parameter.kind is parameter.POSITIONAL_OR_KEYWORD]
    return kind(*positional, **required)


@pytest.mark.parametrize("kind", every_error_class(), ids=lambda kind: kind.__name__)
def test_every_domain_error_renders_in_each_dialects_body(kind):
    error = sample(kind)

    status, body = generic.render(error)
    assert 400 <= status < 600
    assert body["success"] is False and set(body["error"]) == {"code", "message"}

    status, body = graph.render(error)
    assert 400 <= status < 600
    assert {"message", "type", "code"} <= set(body["error"])
    assert all(isinstance(body["error"][key], str) for key in ("message", "type"))

    status, body = chatter.render(error)
    assert 400 <= status < 600
    assert [set(item) for item in body] == [{"errorCode", "message"}]
    assert isinstance(body[0]["message"], str)

    for product in (None, zoho_params.CRM, zoho_params.BIGIN):
        status, body = zoho.render(error, product)
        assert status == 207 or 400 <= status < 600
        rows = body["data"] if kind is errors.RowsRefused else [body]
        for row in rows:
            assert set(row) == {"code", "details", "message", "status"}
            assert isinstance(row["message"], str) and isinstance(row["details"], dict)


def test_graph_answers_throttling_with_code_4():
    error = base.to_domain(drf.Throttled(wait=3))
    assert isinstance(error, errors.Throttled)
    assert graph.render(error) == (400, {"error": {
        "message": "(#4) Application request limit reached", "type": "OAuthException",
        "code": 4}})
    # any other limit is a bad parameter (#100) in Graph's words, with its own message
    assert graph.render(errors.TooManyRecords(100)) == (400, {"error": {
        "message": "(#100) at most 100 records can be inserted at once",
        "type": "OAuthException", "code": 100}})


def test_an_unexpected_error_shows_its_id_and_nothing_else():
    error = errors.InternalError("Internal Server Error", error_id="a1b2c3")
    assert graph.render(error) == (500, {"error": {
        "message": "An unexpected error has occurred. Please retry your request later.",
        "type": "OAuthException", "code": 2}})
    assert chatter.render(error) == (500, [{
        "errorCode": "UNKNOWN_EXCEPTION",
        "message": "An unexpected error occurred. Please include this ErrorId if you contact "
                   "support: a1b2c3"}])
    assert generic.render(error) == (500, {"success": False, "error": {
        "code": "internal_error", "message": "Internal Server Error"}})


def test_generic_codes_for_a_crop_outside_the_image_and_a_full_album():
    crop = errors.CropOutOfBounds("The 50px crop square at (0, 0) leaves the 40x40 image.")
    assert generic.render(crop) == (400, {"success": False, "error": {
        "code": "crop_out_of_bounds",
        "message": "The 50px crop square at (0, 0) leaves the 40x40 image."}})
    assert generic.render(errors.AlbumFull(3)) == (400, {"success": False, "error": {
        "code": "limit_reached", "message": "The album holds at most 3 photos."}})


def test_headers_come_from_the_errors_fields():
    handler = base.make_handler(chatter.render)
    refused = handler(errors.MethodNotAllowed(method="PUT", allowed=["GET", "POST"]), {})
    assert (refused.status_code, refused["Allow"]) == (405, "GET, POST")
    later = handler(errors.StorageFull("Storage is full.", retry_after=5), {})
    assert (later.status_code, later["Retry-After"]) == (503, "5")
    missing = handler(base.to_domain(drf.NotAuthenticated()), {})
    assert missing.status_code == 401 and missing["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("raised", "kind"), [
    (drf.NotAuthenticated(), errors.TokenMissing),
    (authentication.TokenInvalid(), errors.TokenInvalid),
    (authentication.TokenExpired(), errors.TokenExpired),
    (drf.AuthenticationFailed(), errors.TokenInvalid),
])
def test_token_refusals_keep_their_kind(raised, kind):
    assert type(base.to_domain(raised)) is kind


class Row(NamedTuple):
    status: int
    message: object


def test_the_nearest_class_wins_whatever_the_order_of_the_rows():
    table = base.ErrorTable({
        errors.DomainError: Row(400, base.OWN),
        errors.PermissionDenied: Row(403, "denied"),
        errors.ReadOnly: Row(409, lambda error: f"read-only: {error.message}"),
    })
    assert table.row(errors.ReadOnly("locked")) == Row(409, "read-only: locked")
    assert table.row(errors.ScopeMissing(scope="x")) == Row(403, "denied")
    assert table.row(errors.InvalidId("42")) == Row(400, "Invalid identifier: 42")


def test_a_table_without_an_answer_for_any_error_is_refused():
    with pytest.raises(ValueError, match="DomainError"):
        base.ErrorTable({errors.NotFound: Row(404, "gone")})
