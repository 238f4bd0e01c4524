"""Reference codes: Sanming's regions (GB/T 2260), ethnic groups (GB 3304), police units."""

from __future__ import annotations

from dataclasses import dataclass

CITY_CODE = "350400"
CITY_NAME = "三明市"


@dataclass(frozen=True, slots=True)
class Region:
    """A county-level division of Sanming."""

    code: str
    name: str
    weight: float
    towns: tuple[str, ...]


REGIONS: tuple[Region, ...] = (
    Region("350404", "三元区", 0.13, ("城关", "白沙", "富兴堡", "荆西")),
    Region("350405", "沙县区", 0.10, ("凤岗", "虬江", "青州", "夏茂")),
    Region("350481", "永安市", 0.14, ("燕西", "燕南", "燕北", "贡川")),
    Region("350421", "明溪县", 0.04, ("雪峰", "盖洋", "胡坊")),
    Region("350423", "清流县", 0.05, ("龙津", "嵩溪", "嵩口")),
    Region("350424", "宁化县", 0.13, ("翠江", "石壁", "泉上", "安远")),
    Region("350425", "大田县", 0.12, ("均溪", "石牌", "上京")),
    Region("350426", "尤溪县", 0.13, ("城关", "西城", "洋中", "管前")),
    Region("350428", "将乐县", 0.06, ("古镛", "万安", "高唐")),
    Region("350429", "泰宁县", 0.04, ("杉城", "朱口", "梅口")),
    Region("350430", "建宁县", 0.06, ("濉溪", "里心", "溪口")),
)
REGION_BY_CODE = {region.code: region for region in REGIONS}

# GB 3304-1991, codes 01..56, with the romanised names of GB/T 3304.
ETHNIC_GROUPS: tuple[tuple[str, str, str], ...] = tuple(
    (f"{index:02d}", zh, en)
    for index, (zh, en) in enumerate(
        (
            ("汉族", "Han"),
            ("蒙古族", "Mongol"),
            ("回族", "Hui"),
            ("藏族", "Zang"),
            ("维吾尔族", "Uygur"),
            ("苗族", "Miao"),
            ("彝族", "Yi"),
            ("壮族", "Zhuang"),
            ("布依族", "Buyei"),
            ("朝鲜族", "Chosen"),
            ("满族", "Man"),
            ("侗族", "Dong"),
            ("瑶族", "Yao"),
            ("白族", "Bai"),
            ("土家族", "Tujia"),
            ("哈尼族", "Hani"),
            ("哈萨克族", "Kazak"),
            ("傣族", "Dai"),
            ("黎族", "Li"),
            ("傈僳族", "Lisu"),
            ("佤族", "Va"),
            ("畲族", "She"),
            ("高山族", "Gaoshan"),
            ("拉祜族", "Lahu"),
            ("水族", "Sui"),
            ("东乡族", "Dongxiang"),
            ("纳西族", "Naxi"),
            ("景颇族", "Jingpo"),
            ("柯尔克孜族", "Kirgiz"),
            ("土族", "Tu"),
            ("达斡尔族", "Daur"),
            ("仫佬族", "Mulao"),
            ("羌族", "Qiang"),
            ("布朗族", "Blang"),
            ("撒拉族", "Salar"),
            ("毛南族", "Maonan"),
            ("仡佬族", "Gelao"),
            ("锡伯族", "Xibe"),
            ("阿昌族", "Achang"),
            ("普米族", "Pumi"),
            ("塔吉克族", "Tajik"),
            ("怒族", "Nu"),
            ("乌孜别克族", "Uzbek"),
            ("俄罗斯族", "Russ"),
            ("鄂温克族", "Ewenki"),
            ("德昂族", "Deang"),
            ("保安族", "Bonan"),
            ("裕固族", "Yugur"),
            ("京族", "Gin"),
            ("塔塔尔族", "Tatar"),
            ("独龙族", "Derung"),
            ("鄂伦春族", "Oroqen"),
            ("赫哲族", "Hezhen"),
            ("门巴族", "Monba"),
            ("珞巴族", "Lhoba"),
            ("基诺族", "Jino"),
        ),
        start=1,
    )
)
ETHNIC_GROUP_CODES = frozenset(code for code, _, _ in ETHNIC_GROUPS)
# Whose ethnicity a changed one follows (2015 measures): the codes ethnic affairs approves
# and the police register.
ETHNICITY_BASES = frozenset({"FATHER", "MOTHER", "STEP_PARENT", "ADOPTIVE_PARENT"})
HAN = "01"
SHE = "22"


@dataclass(frozen=True, slots=True)
class PoliceUnitCode:
    """A public-security organ: the city bureau, a county bureau or a station."""

    code: str
    name: str
    kind: str
    region_code: str
    parent_code: str | None


def county_bureau_code(region_code: str) -> str:
    """Return the 12-digit organ code of a county-level public security bureau."""
    return f"{region_code}000000"


def station_code(region_code: str, town_index: int) -> str:
    """Return the 12-digit organ code of a town's police station."""
    return f"{region_code}{51 + town_index:02d}0000"


def police_units() -> list[PoliceUnitCode]:
    """Return Sanming's police hierarchy: city bureau, county bureaus, stations."""
    city = PoliceUnitCode(
        county_bureau_code(CITY_CODE), "三明市公安局", "CITY_BUREAU", CITY_CODE, None
    )
    units = [city]
    for region in REGIONS:
        is_district = region.name.endswith("区")
        bureau_name = (
            f"三明市公安局{region.name[:-1]}分局" if is_district else f"{region.name}公安局"
        )
        bureau = PoliceUnitCode(
            county_bureau_code(region.code), bureau_name, "COUNTY_BUREAU", region.code, city.code
        )
        units.append(bureau)
        units.extend(
            PoliceUnitCode(
                station_code(region.code, index),
                f"{town}派出所",
                "STATION",
                region.code,
                bureau.code,
            )
            for index, town in enumerate(region.towns)
        )
    return units
