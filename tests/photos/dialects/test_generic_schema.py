"""The generic dialect's OpenAPI description keeps up with its error table and its bodies."""

from photos.dialects.generic import presenters, schema
from photos.dialects.generic.errors import TABLE


def test_every_status_the_table_or_the_base_view_answers_is_documented_with_the_error_body():
    statuses = {row.status for row in TABLE.rows.values()} | {401, 403, 404, 405, 500, 503}
    assert statuses <= set(schema.ERRORS)
    assert {response.response for response in schema.ERRORS.values()} == {schema.GenericError}


def test_the_error_codes_and_the_image_sizes_are_the_presenters_own():
    from tests.support.openapi import document

    components = document()["components"]["schemas"]
    code = components["GenericErrorDetail"]["properties"]["code"]
    codes = components[code["$ref"].rsplit("/", 1)[1]]["enum"]
    assert set(codes) == {row.code for row in TABLE.rows.values()}
    assert set(components["GenericImages"]["properties"]) == set(presenters.SIZES)
