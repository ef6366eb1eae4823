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


@pytest.mark.parametrize("first17", ["Y1210211MA0000001", "N2210211MA0000002", "A1210211000000003"])
def test_codes_of_letter_registration_departments_are_accepted(first17):
    code = with_check_character(first17)
    validate_uscc(code)
    with pytest.raises(ValidationError):
        validate_uscc(first17 + ("0" if code[-1] != "0" else "1"))


def test_our_check_character_agrees_with_python_stdnum():
    from stdnum.cn import uscc as stdnum_uscc

    for number in range(0, 3000, 7):
        first17 = f"9121021{number % 10}MA{number:07d}".replace("I", "1")[:17]
        assert with_check_character(first17)[-1] == stdnum_uscc.calc_check_digit(first17 + "0")


@pytest.mark.parametrize(
    "typed",
    [
        "９１１１０１０８５５１３８５０８２Ｑ",
        "91110108551385082q",
        "9111 0108 5513 8508 2Q",
        "911101-085513-85082Q",
        " 91110108551385082Q\t",
    ],
)
def test_what_people_type_is_normalised(typed):
    from labshare.accounts.uscc import normalize_uscc

    assert normalize_uscc(typed) == "91110108551385082Q"
