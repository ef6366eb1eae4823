import pytest

from labshare.catalog.queries import CatalogFilter, public_instruments
from labshare.catalog.understanding import MAX_CONCEPTS, understand
from tests.factories import make_instrument


@pytest.fixture
def catalogue(provider_org, other_provider_org):
    return {
        "sem": make_instrument(provider_org, "场发射扫描电子显微镜", model="SU8010"),
        "tem": make_instrument(other_provider_org, "透射电子显微镜", model="JEM-2100F"),
        "tensile": make_instrument(
            provider_org,
            "电子万能材料试验机",
            class_code="020101",
            functions="金属材料拉伸、压缩、弯曲试验",
        ),
        "gc": make_instrument(provider_org, "气相色谱仪", class_code="010501", model="GC-2030"),
        "lcms": make_instrument(other_provider_org, "液相色谱-质谱联用仪", class_code="010201"),
        "draft_gc": make_instrument(provider_org, "离子色谱仪", class_code="010503", publish=False),
    }


def names(query: str) -> list[str]:
    return [i.name for i in CatalogFilter(q=query).apply(public_instruments())]


def test_abbreviation_finds_scanning_electron_microscope(catalogue):
    assert names("扫描电镜") == ["场发射扫描电子显微镜"]


def test_tensile_finds_instrument_by_its_functions(catalogue):
    assert names("拉伸") == ["电子万能材料试验机"]


def test_chromatography_finds_every_published_chromatograph(catalogue):
    found = names("色谱")
    assert set(found) == {"气相色谱仪", "液相色谱-质谱联用仪"}


def test_abbreviations_and_english_names_find_their_instruments(catalogue):
    assert names("SEM")[0] == "场发射扫描电子显微镜"
    assert names("tem")[0] == "透射电子显微镜"
    assert names("GC-MS")  # kept whole, not split at the hyphen


def test_unpublished_instruments_are_not_found(catalogue):
    assert "离子色谱仪" not in names("离子色谱")


def test_one_matching_word_is_enough(catalogue):
    assert set(names("电镜 拉伸")) >= {"电子万能材料试验机", "场发射扫描电子显微镜"}
    assert names("不存在的词语 拉伸") == ["电子万能材料试验机"]


def test_instruments_matching_more_words_rank_first(catalogue):
    assert names("气相色谱")[0] == "气相色谱仪"


def test_model_number_is_searchable(catalogue):
    assert names("SU8010") == ["场发射扫描电子显微镜"]
    assert names("su8010") == ["场发射扫描电子显微镜"]


def test_name_match_ranks_above_function_match(provider_org):
    make_instrument(provider_org, "高温拉伸试验机", class_code="020101")
    make_instrument(provider_org, "疲劳试验机", class_code="020101", functions="可做拉伸疲劳")
    assert names("拉伸") == ["高温拉伸试验机", "疲劳试验机"]


def test_unknown_long_word_falls_back_to_its_parts(catalogue):
    assert names("气相色谱仪器")[0] == "气相色谱仪"


def test_empty_query_has_no_words(catalogue):
    assert not understand("  ，。 ").has_words
    assert names("  ，。 ") == names("")


def test_rarer_word_beats_common_word(provider_org):
    make_instrument(provider_org, "液相色谱仪", class_code="010502")
    make_instrument(provider_org, "离子色谱仪", class_code="010503")
    make_instrument(provider_org, "凝胶色谱仪", class_code="010505")
    make_instrument(provider_org, "热重分析仪", class_code="010903", functions="失重测定")
    # 色谱 is in three names, 失重 in one function text: the rare word wins.
    assert names("色谱 失重")[0] == "热重分析仪"


def test_exact_name_beats_thesaurus_match(provider_org):
    # The thesaurus sends 拉伸强度 to the materials testers (020101) …
    make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    # … but an instrument that says 拉伸强度 in its name ranks above them.
    make_instrument(provider_org, "薄膜拉伸强度测定装置", class_code="020199")
    assert names("拉伸强度") == ["薄膜拉伸强度测定装置", "电子万能材料试验机"]


def test_filler_words_are_not_required(catalogue):
    found = names("测材料的拉伸强度和断裂伸长率")
    assert found[0] == "电子万能材料试验机"


def test_filler_alone_does_not_bring_noise_beside_a_real_word(provider_org):
    make_instrument(provider_org, "激光粒度分析仪", class_code="020502")
    make_instrument(provider_org, "样品前处理工作站", class_code="011299", functions="样品消解")
    assert names("样品的粒径分布") == ["激光粒度分析仪"]


def test_the_thesaurus_finds_a_class_the_text_does_not_name(provider_org):
    make_instrument(provider_org, "Mastersizer 3000", class_code="020502", name_en="")
    assert names("测一下粉末颗粒的粒径分布") == ["Mastersizer 3000"]


def test_literal_words_skip_the_thesaurus(provider_org):
    make_instrument(provider_org, "电子万能材料试验机", class_code="020101")
    assert names("拉伸强度") == ["电子万能材料试验机"]
    found = CatalogFilter(q="拉伸强度", literal=frozenset({"拉伸强度"}))
    assert list(found.apply(public_instruments())) == []


def test_a_long_query_is_cut_to_a_few_words(catalogue):
    understanding = understand("拉伸 " * 5000 + "".join(f"词{n} " for n in range(100)))
    assert understanding.too_long
    assert len(understanding.concepts) <= MAX_CONCEPTS
    assert names("拉伸 " * 5000)[0] == "电子万能材料试验机"


def test_control_characters_are_dropped():
    assert understand("拉伸\x00强度").text == "拉伸 强度"


def test_filler_beside_a_word_that_matches_nothing_finds_nothing(provider_org):
    make_instrument(provider_org, "样品前处理工作站", class_code="011299", functions="样品消解")
    assert names("不存在的词语 样品") == []
    # Filler alone still searches.
    assert names("样品") == ["样品前处理工作站"]


def test_several_words_rank_the_same_within_a_filter(provider_org, other_provider_org):
    make_instrument(provider_org, "气相色谱仪", class_code="010501")
    make_instrument(provider_org, "液相色谱仪", class_code="010502")
    make_instrument(provider_org, "气相分析装置", class_code="010599")
    make_instrument(other_provider_org, "气相色谱-质谱联用仪", class_code="010201")
    everywhere = names("气相 色谱")
    assert everywhere[0] in {"气相色谱仪", "气相色谱-质谱联用仪"}
    within = CatalogFilter(q="气相 色谱", provider=provider_org.pk)
    found = [i.name for i in within.apply(public_instruments())]
    assert found == [name for name in everywhere if name != "气相色谱-质谱联用仪"]
    assert found[0] == "气相色谱仪"
