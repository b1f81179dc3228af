from accounts.models import User


def test_a_user_is_shown_by_full_name_else_by_username():
    # unsaved: the name is a rule of the model, the same in every dialect's bodies
    assert User(username="ada", first_name="Ada", last_name="Lovelace").display_name \
        == "Ada Lovelace"
    assert User(username="ada").display_name == "ada"
    assert User(username="ada", first_name="Ada").display_name == "Ada"
