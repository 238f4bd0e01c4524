"""Chinese names: common surnames, She surnames and given-name characters."""

from __future__ import annotations

import random

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶"
    "蒋杜苏魏程吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江薛尹段雷黎"
    "史龙陶贺顾毛郝龚邵万钱严赖洪武莫孔"
)
# The She (畲族) are known by few surnames: 蓝, 雷, 钟 and 李 above all.
SHE_SURNAMES = "蓝雷钟李"
MALE_CHARS = "伟强磊军勇杰涛斌超明辉刚平华建国文志鹏宇浩俊峰林海东晨阳福德荣贵祥"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英玲燕红梅琳雪婷颖慧欣怡佳悦萱雨涵琪淑兰凤"
SHARED_CHARS = "子晓思诗梓一嘉泽安宁心可文明春秋"
ROADS = ("新市路", "列东街", "建设路", "人民路", "解放路", "和平路", "府前路", "滨江路", "龙岗路")


def surname(rng: random.Random, ethnicity: str) -> str:
    """Pick a surname, favouring She surnames for She people."""
    if ethnicity == "22" and rng.random() < 0.8:
        return rng.choice(SHE_SURNAMES)
    return rng.choice(SURNAMES)


def given_name(rng: random.Random, sex: str) -> str:
    """Pick a one- or two-character given name."""
    own = MALE_CHARS if sex == "M" else FEMALE_CHARS
    first = rng.choice(own if rng.random() < 0.6 else SHARED_CHARS)
    return first if rng.random() < 0.3 else first + rng.choice(own)


def street_address(rng: random.Random, county: str, town: str) -> str:
    """Compose a postal address inside a town."""
    return f"三明市{county}{town}{rng.choice(ROADS)}{rng.randint(1, 300)}号"
