import pytest

from labshare.catalog import search
from labshare.catalog.queries import CatalogFilter, public_instruments
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


def test_abbreviations_are_expanded_once():
    assert search.expand_query("FTIR") == "傅里叶变换红外光谱"
    assert search.expand_query("核磁共振") == "核磁共振"
    assert search.expand_query("扫描电镜 XRD") == "扫描电子显微镜 x射线衍射"


def test_unpublished_instruments_are_not_found(catalogue):
    assert "离子色谱仪" not in names("离子色谱")


def test_all_words_must_match(catalogue):
    assert names("电镜 拉伸") == []


def test_model_number_is_searchable(catalogue):
    assert names("SU8010") == ["场发射扫描电子显微镜"]
    assert names("su8010") == ["场发射扫描电子显微镜"]


def test_name_match_ranks_above_function_match(provider_org):
    make_instrument(provider_org, "高温拉伸试验机", class_code="020101")
    make_instrument(provider_org, "疲劳试验机", class_code="020101", functions="可做拉伸疲劳")
    assert names("拉伸") == ["高温拉伸试验机", "疲劳试验机"]


def test_unknown_long_word_falls_back_to_its_parts(catalogue):
    assert names("气相色谱仪器") == ["气相色谱仪"]


def test_empty_query_changes_nothing(catalogue):
    assert search.query_terms("  ，。 ") == []
