"""Tests for people.identifiers (ID numbers, credit codes, mobiles, masking)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from people.identifiers import (
    REGION_SINCE,
    DocumentType,
    IdInfo,
    credit_check_character,
    id_check_character,
    mask_document_number,
    mask_mobile,
    mask_name,
    normalize_credit_code,
    normalize_document_number,
    normalize_mobile,
    validate_credit_code,
    validate_document_number,
)

RESIDENT = DocumentType.RESIDENT_ID


def make_id(first17: str) -> str:
    """A self-consistent 18-character number for the given first 17 digits."""
    return first17 + id_check_character(first17)


def make_credit_code(first17: str) -> str:
    return first17 + credit_check_character(first17)


def wrong_check(number: str) -> str:
    """The same number with a check character that is certainly wrong."""
    right = number[-1]
    return number[:-1] + ("1" if right != "1" else "2")


def message_of(excinfo) -> str:
    # Source strings are English; render them as such even if the project
    # later activates Chinese translations.
    with translation.override("en"):
        return " ".join(str(message) for message in excinfo.value.messages)


def code_of(excinfo) -> str:
    return excinfo.value.code


# ---------------------------------------------------------------------------
# GB 11643 check character
# ---------------------------------------------------------------------------


def test_check_character_matches_the_gb11643_worked_example():
    # Example from GB 11643-1999 itself: 11010519491231002X.
    # Σ dᵢ·wᵢ = 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2
    #         = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 -> "X".
    assert id_check_character("11010519491231002") == "X"
    # Second example from the standard: 440524188001010014.
    assert id_check_character("44052418800101001") == "4"


def test_check_character_rejects_anything_but_17_digits():
    for bad in ("1101051949123100", "110105194912310021", "1101051949123100A", None):
        with pytest.raises(ValueError):
            id_check_character(bad)


# ---------------------------------------------------------------------------
# resident ID card
# ---------------------------------------------------------------------------


def test_it_accepts_a_valid_resident_id_and_reads_it():
    number = make_id("51010419900101123")
    info = validate_document_number(RESIDENT, number)
    assert isinstance(info, IdInfo)
    assert info.number == number
    assert info.region_code == "510104"
    assert info.birth_date == date(1990, 1, 1)
    assert info.warnings == ()


def test_it_accepts_the_string_value_of_the_document_type():
    number = make_id("51010419900101123")
    assert validate_document_number("resident_id", number).number == number


def test_it_accepts_an_id_whose_check_character_is_x():
    number = "11010519491231002X"
    info = validate_document_number(RESIDENT, number)
    assert info.number == number
    assert info.birth_date == date(1949, 12, 31)


def test_it_accepts_a_lower_case_x_and_stores_it_upper_case():
    info = validate_document_number(RESIDENT, " 11010519491231002x ")
    assert info.number == "11010519491231002X"


def test_normalize_strips_whitespace_and_upper_cases():
    assert normalize_document_number(RESIDENT, " 110105 19491231 002x\n") == "11010519491231002X"
    assert normalize_document_number(RESIDENT, None) == ""


def test_normalize_folds_full_width_digits():
    assert normalize_document_number(RESIDENT, "１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"


def test_it_rejects_wrong_check_character_and_names_the_expected_one():
    number = "11010519491231002X"
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, number[:-1] + "3")
    assert code_of(excinfo) == "id_checksum"
    assert excinfo.value.params["expected"] == "X"
    message = message_of(excinfo)
    assert "ID number" in message
    assert "expected X" in message


def test_it_rejects_first_generation_15_digit_numbers():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, "510104900101123")
    assert code_of(excinfo) == "id_15_digit"
    message = message_of(excinfo)
    assert "ID number" in message
    assert "15-digit" in message
    assert "18-digit" in message


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "5101041990010112",  # 16 characters
        "5101041990010112345",  # 19 characters
        "51010419900101123Y",  # check character may only be a digit or X
        "5101041990X1011234",  # X only in the last place
        "51010419900101-234",
    ],
)
def test_it_rejects_wrong_length_or_characters(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, value)
    assert code_of(excinfo) == "id_format"
    assert "ID number" in message_of(excinfo)


def test_it_rejects_non_ascii_digits():
    # Arabic-Indic digits are "digits" for str.isdigit() but not for an ID.
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, "٥١٠١٠٤١٩٩٠٠١٠١١٢٣٤")
    assert code_of(excinfo) == "id_format"


def test_it_rejects_february_30():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, make_id("51010419990230123"))
    assert code_of(excinfo) == "id_birth_date"
    message = message_of(excinfo)
    assert "ID number" in message
    assert "19990230" in message


def test_it_rejects_month_13():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, make_id("51010419991301123"))
    assert code_of(excinfo) == "id_birth_date"


def test_it_accepts_february_29_in_a_leap_year():
    info = validate_document_number(RESIDENT, make_id("51010420000229123"))
    assert info.birth_date == date(2000, 2, 29)


def test_it_rejects_february_29_in_a_common_year():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, make_id("51010419000229123"))
    assert code_of(excinfo) == "id_birth_date"


def test_it_rejects_a_future_birth_date():
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, make_id("510104" + tomorrow.strftime("%Y%m%d") + "123"))
    assert code_of(excinfo) == "id_birth_date"
    message = message_of(excinfo)
    assert "ID number" in message
    assert "future" in message


def test_it_accepts_a_birth_date_of_today():
    today = date.today()
    info = validate_document_number(RESIDENT, make_id("510104" + today.strftime("%Y%m%d") + "123"))
    assert info.birth_date == today


def test_it_rejects_a_birth_date_before_1900():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, make_id("51010418991231123"))
    assert code_of(excinfo) == "id_birth_date"
    assert "1900" in message_of(excinfo)


def test_it_accepts_1900_01_01():
    assert validate_document_number(RESIDENT, make_id("51010419000101123")).birth_date == date(1900, 1, 1)


def test_it_rejects_an_unknown_province_code():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, make_id("00000019900101123"))
    assert code_of(excinfo) == "id_region"
    assert "ID number" in message_of(excinfo)


def test_it_points_permit_numbers_entered_as_resident_id_to_the_permit_type():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(RESIDENT, make_id("81000019900101123"))
    assert code_of(excinfo) == "id_region"
    assert "residence permit" in message_of(excinfo)


def test_sex_is_male_when_the_17th_digit_is_odd():
    assert validate_document_number(RESIDENT, make_id("51010419900101123")).sex == "M"
    assert validate_document_number(RESIDENT, make_id("51010419900101129")).sex == "M"


def test_sex_is_female_when_the_17th_digit_is_even():
    assert validate_document_number(RESIDENT, make_id("51010419900101124")).sex == "F"
    assert validate_document_number(RESIDENT, make_id("51010419900101120")).sex == "F"


def test_age_counts_completed_years():
    info = validate_document_number(RESIDENT, make_id("51010419900615123"))
    assert info.age(date(2020, 6, 14)) == 29
    assert info.age(date(2020, 6, 15)) == 30
    assert info.age(date(2021, 1, 1)) == 30
    assert info.age(date(1990, 6, 15)) == 0


def test_age_defaults_to_today():
    info = validate_document_number(RESIDENT, make_id("51010419900615123"))
    assert info.age() == info.age(date.today())


def test_age_of_someone_born_on_february_29():
    info = validate_document_number(RESIDENT, make_id("51010420000229123"))
    assert info.age(date(2001, 2, 28)) == 0
    assert info.age(date(2001, 3, 1)) == 1
    assert info.age(date(2004, 2, 29)) == 4


def test_age_before_birth_is_an_error():
    info = validate_document_number(RESIDENT, make_id("51010420000229123"))
    with pytest.raises(ValueError):
        info.age(date(1999, 1, 1))


def test_id_info_is_frozen():
    info = validate_document_number(RESIDENT, make_id("51010419900101123"))
    with pytest.raises(AttributeError):
        info.sex = "F"


# ---------------------------------------------------------------------------
# region code / birth year warnings
# ---------------------------------------------------------------------------


def test_region_table_knows_the_newer_chengdu_codes():
    assert REGION_SINCE == {"510116": 2015, "510117": 2016, "510118": 2020, "510185": 2016}


def test_shuangliu_code_for_someone_born_in_2000_is_only_a_warning():
    info = validate_document_number(RESIDENT, make_id("51011620000101123"))
    assert info.region_code == "510116"
    assert len(info.warnings) == 1
    with translation.override("en"):
        warning = str(info.warnings[0])
    assert "510116" in warning
    assert "2000" in warning
    assert "did not exist" in warning
    assert "late registration" in warning


def test_shuangliu_code_for_someone_born_in_2016_has_no_warning():
    info = validate_document_number(RESIDENT, make_id("51011620160101123"))
    assert info.warnings == ()


def test_shuangliu_code_in_the_year_it_was_created_has_no_warning():
    assert validate_document_number(RESIDENT, make_id("51011620150101123")).warnings == ()


@pytest.mark.parametrize(
    ("region", "warned_year", "fine_year"),
    [("510117", 2015, 2016), ("510118", 2019, 2020), ("510185", 2015, 2016)],
)
def test_other_new_chengdu_codes_warn_only_before_they_existed(region, warned_year, fine_year):
    warned = validate_document_number(RESIDENT, make_id(f"{region}{warned_year}0601123"))
    fine = validate_document_number(RESIDENT, make_id(f"{region}{fine_year}0601123"))
    assert len(warned.warnings) == 1
    assert fine.warnings == ()


def test_old_chengdu_and_other_province_codes_never_warn():
    assert validate_document_number(RESIDENT, make_id("51010419300101123")).warnings == ()
    assert validate_document_number(RESIDENT, make_id("11010519300101123")).warnings == ()


# ---------------------------------------------------------------------------
# residence permits and foreign permanent resident ID cards
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["810000", "820000"])
def test_it_accepts_hong_kong_and_macao_permits(prefix):
    number = make_id(prefix + "19850315002")
    info = validate_document_number(DocumentType.HK_MACAO_PERMIT, number)
    assert info.number == number
    assert info.region_code == prefix
    assert info.birth_date == date(1985, 3, 15)
    assert info.sex == "F"


def test_it_rejects_a_hong_kong_macao_permit_with_another_prefix():
    for prefix in ("830000", "510104", "810001"):
        with pytest.raises(ValidationError) as excinfo:
            validate_document_number(DocumentType.HK_MACAO_PERMIT, make_id(prefix + "19850315002"))
        assert code_of(excinfo) == "id_format"
        assert "810000" in message_of(excinfo)


def test_it_accepts_a_taiwan_permit():
    number = make_id("83000019700704001")
    info = validate_document_number(DocumentType.TAIWAN_PERMIT, number)
    assert info.region_code == "830000"
    assert info.sex == "M"


def test_it_rejects_a_taiwan_permit_with_another_prefix():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(DocumentType.TAIWAN_PERMIT, make_id("81000019700704001"))
    assert code_of(excinfo) == "id_format"
    assert "830000" in message_of(excinfo)


def test_permits_use_the_same_check_and_birth_date_rules():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(DocumentType.TAIWAN_PERMIT, wrong_check(make_id("83000019700704001")))
    assert code_of(excinfo) == "id_checksum"
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(DocumentType.HK_MACAO_PERMIT, make_id("81000019700230001"))
    assert code_of(excinfo) == "id_birth_date"


def test_permits_do_not_get_the_15_digit_message():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(DocumentType.HK_MACAO_PERMIT, "810000850315002")
    assert code_of(excinfo) == "id_format"


def test_it_accepts_a_2023_foreign_permanent_resident_card_starting_with_9():
    number = make_id("95184019880808123")
    info = validate_document_number(DocumentType.FOREIGN_PERMANENT, number)
    assert info.number == number
    assert info.region_code == "951840"
    assert info.birth_date == date(1988, 8, 8)
    assert info.sex == "M"
    assert info.warnings == ()


def test_it_rejects_a_foreign_permanent_card_not_starting_with_9():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(DocumentType.FOREIGN_PERMANENT, make_id("51010419880808123"))
    assert code_of(excinfo) == "id_format"
    message = message_of(excinfo)
    assert "ID number" in message
    assert "9" in message


def test_it_rejects_a_foreign_permanent_card_with_a_wrong_check_character():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(DocumentType.FOREIGN_PERMANENT, wrong_check(make_id("95184019880808123")))
    assert code_of(excinfo) == "id_checksum"


def test_it_rejects_the_old_15_character_foreign_card_format():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(DocumentType.FOREIGN_PERMANENT, "USA110065070101")
    assert code_of(excinfo) == "id_format"


def test_it_rejects_an_unknown_document_type():
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number("driving_licence", "123456")
    assert code_of(excinfo) == "document_type"


# ---------------------------------------------------------------------------
# passports
# ---------------------------------------------------------------------------


def test_it_accepts_a_passport_and_returns_none():
    assert validate_document_number(DocumentType.PASSPORT, "E12345678") is None


def test_passport_is_stripped_and_upper_cased():
    assert normalize_document_number(DocumentType.PASSPORT, "  e12345678 ") == "E12345678"
    assert validate_document_number(DocumentType.PASSPORT, "  e12345678 ") is None


@pytest.mark.parametrize("value", ["", "   ", "E123", "A" * 21, "E1234-567", "E1234 5678", "护照12345"])
def test_it_rejects_bad_passport_numbers(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_document_number(DocumentType.PASSPORT, value)
    assert code_of(excinfo) == "passport_format"
    assert "Passport number" in message_of(excinfo)


def test_passport_length_limits_are_inclusive():
    assert validate_document_number(DocumentType.PASSPORT, "A1234") is None
    assert validate_document_number(DocumentType.PASSPORT, "A" * 20) is None


def test_document_type_labels_are_english():
    with translation.override("en"):
        assert str(DocumentType.RESIDENT_ID.label) == "Resident ID card"
        assert str(DocumentType.PASSPORT.label) == "Passport"
    assert [choice.value for choice in DocumentType] == [
        "resident_id",
        "foreign_permanent",
        "hk_macao_permit",
        "taiwan_permit",
        "passport",
    ]


# ---------------------------------------------------------------------------
# unified social credit code (GB 32100-2015)
# ---------------------------------------------------------------------------

# Alphabet values: 0-9 -> 0-9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20
# M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30.
# Weights:          1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.

# Huawei Technologies Co., Ltd. — 914403001922038216
#   9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 3·26 + 0·16 + 0·17 + 1·20 + 9·29 + 2·25
#   + 2·13 + 0·8 + 3·24 + 8·10 + 2·30 + 1·28
#   = 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831
#   831 mod 31 = 25 (31·26 = 806); 31 − 25 = 6 -> "6".
HUAWEI = "914403001922038216"

# Alibaba (China) Co., Ltd. — 91330100716105852F
#   9·1 + 1·3 + 3·9 + 3·27 + 0·19 + 1·26 + 0·16 + 0·17 + 7·20 + 1·29 + 6·25
#   + 1·13 + 0·8 + 5·24 + 8·10 + 5·30 + 2·28
#   = 9+3+27+81+0+26+0+0+140+29+150+13+0+120+80+150+56 = 884
#   884 mod 31 = 16 (31·28 = 868); 31 − 16 = 15 -> "F".
ALIBABA = "91330100716105852F"

# Shenzhen Tencent Computer Systems Co., Ltd. — 9144030071526726XG
#   9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 3·26 + 0·16 + 0·17 + 7·20 + 1·29 + 5·25
#   + 2·13 + 6·8 + 7·24 + 2·10 + 6·30 + X(29)·28
#   = 9+3+36+108+0+78+0+0+140+29+125+26+48+168+20+180+812 = 1782
#   1782 mod 31 = 15 (31·57 = 1767); 31 − 15 = 16 -> "G".
TENCENT = "9144030071526726XG"


@pytest.mark.parametrize("code", [HUAWEI, ALIBABA, TENCENT])
def test_it_accepts_real_world_credit_codes(code):
    assert credit_check_character(code[:17]) == code[17]
    assert validate_credit_code(code) == code


@pytest.mark.parametrize(
    "first17",
    [
        "N2510100MA6C0K8L1",  # agriculture authority, e.g. a cooperative
        "Y1510104MA6CB2Q3R",  # "other" registration authority
        "A1510100MA6D5E7T0",  # military-civilian authority
        "91510104MA61XY9U2",  # market regulator, enterprise
        "51510100MJ1234567",  # civil affairs, social organisation (e.g. a Red Cross society)
        "12510100450717123",  # establishment office, public institution
    ],
)
def test_it_accepts_constructed_codes_for_each_authority(first17):
    code = make_credit_code(first17)
    assert validate_credit_code(code) == code
    assert code[:2] in {"N2", "Y1", "A1", "91", "51", "12"}


def test_check_character_of_zero_remainder_is_zero():
    # All zeros: Σ = 0, 31 − 0 = 31 -> wraps to index 0 -> "0".
    assert credit_check_character("0" * 17) == "0"
    assert validate_credit_code("0" * 18) == "0" * 18


def test_credit_check_character_rejects_bad_input():
    for bad in ("9144030019220382", "914403001922038I6", None):
        with pytest.raises(ValueError):
            credit_check_character(bad)


def test_credit_code_is_normalised():
    assert normalize_credit_code("  91330100716105852f ") == ALIBABA
    assert validate_credit_code(" 9144 0300 7152 6726xg") == TENCENT
    assert normalize_credit_code(None) == ""


@pytest.mark.parametrize("value", ["", "91330100716105852", "91330100716105852FF"])
def test_it_rejects_credit_codes_of_the_wrong_length(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(value)
    assert code_of(excinfo) == "uscc_format"
    assert "Unified social credit code" in message_of(excinfo)


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_it_rejects_letters_never_used_in_credit_codes(letter):
    code = "9151010071" + letter + "105852F"
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert code_of(excinfo) == "uscc_format"
    message = message_of(excinfo)
    assert "Unified social credit code" in message
    assert letter in excinfo.value.params["chars"]
    assert "I, O, S, V and Z" in message


def test_it_rejects_punctuation_in_credit_codes():
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code("91330100-716105852")
    assert code_of(excinfo) == "uscc_format"


def test_it_rejects_a_non_digit_region_part():
    code = make_credit_code("9133A100716105852")
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert code_of(excinfo) == "uscc_format"
    assert "region" in message_of(excinfo)


def test_it_rejects_a_credit_code_with_a_wrong_check_character():
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(HUAWEI[:-1] + "7")
    assert code_of(excinfo) == "uscc_checksum"
    message = message_of(excinfo)
    assert "Unified social credit code" in message
    assert "expected 6" in message


# ---------------------------------------------------------------------------
# mobile numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "13812341234",
        " 138 1234 1234 ",
        "138-1234-1234",
        "+8613812341234",
        "+86 138 1234 1234",
        "+86-138-1234-1234",
        "8613812341234",
        "86 13812341234",
    ],
)
def test_it_normalises_mobile_numbers(value):
    assert normalize_mobile(value) == "13812341234"


@pytest.mark.parametrize("value", ["19912345678", "13000000000", "16612345678"])
def test_it_accepts_every_mobile_second_digit_from_3_to_9(value):
    assert normalize_mobile(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "12812341234",  # second digit 2
        "1381234123",  # 10 digits
        "138123412345",  # 12 digits
        "+861381234123",  # +86 followed by only 10 digits
        "+85213812341234",  # other country code
        "028-85123456",  # Chengdu landline
        "1381234123a",
        "13812341234\n1",
    ],
)
def test_it_rejects_bad_mobile_numbers(value):
    with pytest.raises(ValidationError) as excinfo:
        normalize_mobile(value)
    assert code_of(excinfo) == "phone_format"
    assert "Mobile number" in message_of(excinfo)


# ---------------------------------------------------------------------------
# masking
# ---------------------------------------------------------------------------


def test_mask_document_number_keeps_first_6_and_last_4():
    assert mask_document_number("510104199001011234") == "510104********1234"
    assert mask_document_number("11010519491231002X") == "110105********002X"


def test_mask_document_number_keeps_first_2_and_last_2_of_short_numbers():
    assert mask_document_number("E12345678") == "E1*****78"
    assert mask_document_number("A1234") == "A1*34"


def test_mask_document_number_always_hides_something():
    assert mask_document_number("ABCD") == "A**D"
    assert mask_document_number("ABC") == "A*C"
    assert mask_document_number("AB") == "**"
    assert mask_document_number("A") == "*"


def test_mask_document_number_of_nothing_is_empty():
    assert mask_document_number("") == ""
    assert mask_document_number(None) == ""


def test_mask_mobile():
    assert mask_mobile("13812341234") == "138****1234"
    assert mask_mobile("+86 138 1234 1234") == "138****1234"
    assert mask_mobile("") == ""
    assert mask_mobile(None) == ""


def test_mask_mobile_still_masks_invalid_values():
    assert mask_mobile("028-85123456") == "028*****3456"
    assert "1234" not in mask_mobile("1234")


def test_mask_name_chinese():
    assert mask_name("张三") == "张*"
    assert mask_name("李小龙") == "李*龙"
    assert mask_name("张") == "张"


def test_mask_name_keeps_compound_surnames():
    assert mask_name("欧阳娜娜") == "欧阳*娜"
    assert mask_name("司马懿") == "司马*"
    assert mask_name("诸葛孔明") == "诸葛*明"
    # Two characters only: a one-character surname and a given name.
    assert mask_name("欧阳") == "欧*"


def test_mask_name_latin():
    assert mask_name("John Smith") == "J*** S****"
    assert mask_name("  John   Smith ") == "J***   S****"
    assert mask_name("Anne-Marie") == "A***-M****"
    assert mask_name("J") == "J"


def test_mask_name_with_a_middle_dot():
    assert mask_name("买买提·艾力") == "买**·艾*"


def test_mask_name_of_nothing_is_empty():
    assert mask_name("") == ""
    assert mask_name("   ") == ""
    assert mask_name(None) == ""
