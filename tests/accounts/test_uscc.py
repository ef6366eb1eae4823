import pytest
from django.core.exceptions import ValidationError

from labshare.accounts.uscc import validate_uscc, with_check_character


def error_code(value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_uscc(value)
    return caught.value.code


@pytest.mark.parametrize(
    "code", ["91110108551385082Q", "91350100M000100Y43", with_check_character("12210211000000001")]
)
def test_valid_codes_are_accepted(code):
    validate_uscc(code)


def test_wrong_check_character_is_rejected():
    assert error_code("91110108551385082A") == "uscc_checksum"


def test_lowercase_is_rejected_with_a_message():
    with pytest.raises(ValidationError) as caught:
        validate_uscc("91350100m000100y43")
    assert caught.value.code == "uscc_lowercase"
    assert "大写" in str(caught.value.messages[0]) or "upper case" in caught.value.messages[0]


@pytest.mark.parametrize("code", ["9111010855138508", "91110108551385082QX", ""])
def test_wrong_length_is_rejected(code):
    assert error_code(code) == "uscc_length"


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_letters_never_used_in_credit_codes_are_rejected(letter):
    code = "9111010855138508" + letter + "Q"
    with pytest.raises(ValidationError) as caught:
        validate_uscc(code)
    assert caught.value.code == "uscc_letters"
    assert letter in caught.value.messages[0]


def test_spaces_around_are_rejected():
    assert error_code(" 91110108551385082") == "uscc_spaces"
