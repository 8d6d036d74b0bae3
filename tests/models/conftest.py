"""Toy sections for the model tests: short texts written for the tests, three topics, three roles."""
from __future__ import annotations

import pytest

from models.features import section_text

TOY = [
    # (heading, body, topic, role)
    ("一、低保工作", "全年审核低保家庭86户,发放低保金120万元,临时救助困难群众45户次。", "社会救助", "做法成效"),
    ("(二)临时救助", "对因病因灾陷入困境的家庭及时实施临时救助,发放救助金8.6万元。", "社会救助", "做法成效"),
    ("(三)特困供养", "特困人员全部纳入供养,落实救助资金,困难群众基本生活得到保障。", "社会救助", "做法成效"),
    ("四、下一步打算", "明年将进一步完善低保动态管理,做好困难群众救助帮扶工作。", "社会救助", "计划打算"),
    ("一、养老服务", "新建社区老年食堂3个,为高龄老人发放高龄津贴,开展居家养老服务。", "养老服务", "做法成效"),
    ("(二)敬老院建设", "敬老院新增床位40张,入住老人52名,养老护理员培训30人次。", "养老服务", "做法成效"),
    ("三、存在的问题", "养老服务设施不足,护理人员年龄偏大,专业化程度不高。", "养老服务", "问题不足"),
    ("五、明年计划", "计划新建日间照料中心2个,推进居家养老服务全覆盖。", "养老服务", "计划打算"),
    ("一、学校建设", "新建教学楼一栋,改造学生食堂,开展教师培训两期,教学质量稳步提升。", "教育", "做法成效"),
    ("(二)教学工作", "组织公开课和集体备课,学生参加竞赛获奖20人次,毕业班合格率99%。", "教育", "做法成效"),
    ("三、不足之处", "教师队伍结构不合理,音体美教师不足,教学设备老化。", "教育", "问题不足"),
    ("四、下学期工作计划", "下学期将加强教学常规管理,开展教师教学比武,做好校园安全工作。", "教育", "计划打算"),
    ("(四)存在的困难", "救助资金来源单一,低保对象收入核查手段有限,困难群众底数还不够清。", "社会救助", "问题不足"),
    ("六、下一步工作", "学校将继续推进课后服务,开设兴趣社团,提升教学质量和学生素养。", "教育", "计划打算"),
]


@pytest.fixture(scope="session")
def toy_data():
    texts = [section_text(h, f"{h}\n{b}") for h, b, _, _ in TOY]
    return texts, [t for *_, t, _ in TOY], [r for *_, r in TOY]


@pytest.fixture(scope="session")
def toy_model(toy_data):
    from models.topic import train

    texts, topics, roles = toy_data
    return train(texts, topics, roles, random_state=0, n_features=2 ** 14, heading_features=2 ** 12,
                 context_features=2 ** 12, min_df=1)
