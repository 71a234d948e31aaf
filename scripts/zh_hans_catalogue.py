"""Simplified Chinese for every msgid: `python scripts/zh_hans_catalogue.py` fills locale/zh_Hans's .po.

Run `manage.py makemessages -l zh_Hans` first; entries this table lacks stay empty
and are listed, so a new string is never shipped untranslated unnoticed.
"""
ZH = {
"Organisations": "组织机构", "City": "市", "District / county": "区（市）县", "Town / sub-district": "乡镇（街道）",
"Community / village": "社区（村）", "Central districts": "中心城区", "Near suburbs": "近郊", "Far suburbs": "远郊",
"City Red Cross society": "市红十字会", "District / county Red Cross society": "区（市）县红十字会",
"Town / sub-district Red Cross organisation": "乡镇（街道）红十字会", "Community Red Cross service centre": "社区红十字服务中心",
"Community Red Cross work station": "社区红十字工作站", "Member unit": "团体会员单位",
"Partner society (Chengdu–Deyang–Meishan–Ziyang)": "成德眉资协作红十字会", "University": "高校", "School": "学校",
"Enterprise": "企业", "Hospital": "医院", "Scenic area": "景区", "Other": "其他", "City administrator": "市级管理员",
"District staff": "区（市）县工作人员", "Town / community organiser": "乡镇（社区）组织员", "Finance officer": "财务人员",
"Auditor (supervisory board)": "审计（监事会）", "Partner agency (API only)": "合作单位（仅接口）", "Search": "搜索",
"Level": "级别", "Zone": "片区", "Parent code": "上级代码", "Within region (code)": "所属区划（代码）", "In Chengdu": "成都市内",
"Kind": "类型", "Unit type": "单位类型", "Region (code, includes subtree)": "区划（代码，含下级）", "Has premises": "有阵地",
"Carries out work": "开展工作", "Active": "有效", "Established from": "成立日期起", "Established until": "成立日期止",
"As of": "统计日期", "region": "行政区划", "Region code: enter the 12-digit statistical division code.": "区划代码：请输入 12 位统计用区划代码。",
"code": "代码", "name": "名称", "level": "级别", "parent region": "上级区划", "zone": "片区",
"Pilot zone of a district: central, near suburb or far suburb.": "区（市）县所属试点片区：中心城区、近郊或远郊。",
"in Chengdu": "成都市内", "False for the neighbouring cities of the Chengdu–Deyang–Meishan–Ziyang area.": "成德眉资其他城市为否。",
"regions": "行政区划", "Zone: only a district has a zone.": "片区：只有区（市）县才有片区。", "kind": "类型", "unit type": "单位类型",
"For member units: university, school, enterprise, hospital, scenic area or other.": "团体会员单位的类别：高校、学校、企业、医院、景区或其他。",
"parent organisation": "上级组织", "unified social credit code": "统一社会信用代码", "established on": "成立日期",
"has premises": "有阵地", "阵地: a place of its own for Red Cross work.": "阵地：开展红十字工作的固定场所。",
"premises address": "阵地地址", "premises area (m²)": "阵地面积（平方米）", "carries out work": "开展工作",
"工作: regular Red Cross work in the past year.": "工作：近一年经常性开展红十字工作。", "contact person": "联系人",
"contact phone": "联系电话", "active": "有效", "created at": "创建时间", "updated at": "更新时间", "organisation": "组织",
"organisations": "组织", "Region: this region already has an active Red Cross society of this kind.": "行政区划：该区划已有同类型的在册红十字组织。",
"Unit type: only a member unit has a unit type.": "单位类型：只有团体会员单位才填写单位类型。",
"Unit type: a member unit needs a unit type.": "单位类型：团体会员单位必须填写单位类型。", "user": "用户", "role": "角色",
"job title": "职务", "staff profile": "工作人员", "staff profiles": "工作人员", "as of": "统计日期", "computed at": "计算时间",
"towns": "乡镇（街道）数", "towns with an organisation": "有组织的乡镇（街道）", "towns with premises": "有阵地的乡镇（街道）",
"towns with work": "有工作的乡镇（街道）", "towns with all three": "“三有”乡镇（街道）", "communities": "社区（村）数",
"communities with a station": "有服务站点的社区（村）", "coverage snapshot": "覆盖统计", "coverage snapshots": "覆盖统计",
"Region: you can only choose a region within your own area.": "行政区划：只能选择本辖区内的区划。", "Role: unknown role.": "角色：未知角色。",
"Grassroots coverage": "基层组织覆盖", "As of %(d)s": "统计日期 %(d)s",
"Towns with organisation, premises and work": "“三有”乡镇（有组织、有阵地、有工作）", "Communities with a station": "有红十字服务站点的社区（村）",
"Towns with an organisation": "有组织的乡镇", "Towns with premises": "有阵地的乡镇", "Towns with work": "有工作的乡镇",
"Coverage has not been computed yet. The worker computes it every ten minutes.": "尚未计算覆盖情况，后台每十分钟计算一次。",
"Communities and villages": "社区（村）", "Code": "代码", "Service centre or work station": "服务中心或工作站", "Yes": "是",
"No": "否", "By region": "分区域", "Region": "行政区划", "Towns": "乡镇（街道）", "Organisation": "组织", "Premises": "阵地",
"Work": "工作", "All three": "“三有”", "Communities": "社区（村）", "With station": "有站点", "Name": "名称",
"Parent region": "上级区划", "Zone saved.": "片区已保存。", "Established": "成立日期", "Parent organisation": "上级组织",
"Unified social credit code": "统一社会信用代码", "Premises address": "阵地地址", "Premises area (m²)": "阵地面积（平方米）",
"Contact person": "联系人", "Contact phone": "联系电话", "Updated": "更新时间", "Organisation created.": "组织已创建。",
"Organisation saved.": "组织已保存。", "Username": "用户名", "Role": "角色", "Job title": "职务", "document number": "证件号码",
"mobile": "手机号码", "reason": "事由", "People registry": "人员库", "Name contains": "姓名包含", "Document type": "证件类型",
"Document number (exact)": "证件号码（精确）", "Mobile (exact)": "手机号码（精确）", "Sex": "性别", "Born from": "出生日期起",
"Born until": "出生日期止", "full name": "姓名", "document type": "证件类型", "region of residence": "居住地区划",
"Leave empty to keep %(masked)s.": "留空则保留 %(masked)s。", "Resident ID card": "居民身份证",
"Foreign permanent resident ID card": "外国人永久居留身份证", "Residence permit for Hong Kong and Macao residents": "港澳居民居住证",
"Residence permit for Taiwan residents": "台湾居民居住证", "Passport": "护照",
"Document type: %(value)s is not a supported document type.": "证件类型：不支持“%(value)s”。",
"ID number: the check character is wrong (expected %(expected)s).": "身份证号码：校验码错误（应为 %(expected)s）。",
"ID number: region code %(region)s did not exist in the birth year %(year)s (it was created in %(since)s); this may be a late registration.": "身份证号码：区划代码 %(region)s 在出生年份 %(year)s 尚未设立（%(since)s 年设立），可能为补办登记。",
"ID number: enter the 18-character number.": "身份证号码：请输入 18 位号码。",
"ID number: first-generation 15-digit ID numbers are no longer accepted; please enter the 18-digit number.": "身份证号码：第一代 15 位身份证号码已停止使用，请填写 18 位号码。",
"ID number: it must be 18 characters: 17 digits followed by a digit or the letter X (you entered %(length)s characters).": "身份证号码：应为 18 位，前 17 位为数字，最后一位为数字或字母 X（您输入了 %(length)s 位）。",
"ID number: a foreign permanent resident ID card number starts with 9.": "身份证号码：外国人永久居留身份证号码以 9 开头。",
"ID number: a Hong Kong or Macao residence permit number starts with 810000 or 820000.": "身份证号码：港澳居民居住证号码以 810000 或 820000 开头。",
"ID number: a Taiwan residence permit number starts with 830000.": "身份证号码：台湾居民居住证号码以 830000 开头。",
"ID number: numbers starting with %(prefix)s belong to a residence permit for Hong Kong, Macao or Taiwan residents; choose that document type instead.": "身份证号码：以 %(prefix)s 开头的号码属于港澳台居民居住证，请选择相应的证件类型。",
"ID number: %(region)s is not a valid mainland region code.": "身份证号码：%(region)s 不是有效的内地区划代码。",
"ID number: the birth date %(date)s (digits 7-14) is not a real date.": "身份证号码：出生日期 %(date)s（第 7–14 位）不是有效日期。",
"ID number: the birth date %(date)s is before %(year)s.": "身份证号码：出生日期 %(date)s 早于 %(year)s 年。",
"ID number: the birth date %(date)s is in the future.": "身份证号码：出生日期 %(date)s 晚于今天。",
"Passport number: use 5 to 20 letters (A-Z) and digits only.": "护照号码：只能使用 5 至 20 位字母（A-Z）和数字。",
"Unified social credit code: it must be 18 characters (you entered %(length)s).": "统一社会信用代码：应为 18 位（您输入了 %(length)s 位）。",
"Unified social credit code: the character(s) %(chars)s are not allowed; only digits and capital letters except I, O, S, V and Z are used.": "统一社会信用代码：不允许使用字符 %(chars)s；只能使用数字和除 I、O、S、V、Z 以外的大写字母。",
"Unified social credit code: characters 3-8 must be the 6-digit region code (found %(region)s).": "统一社会信用代码：第 3–8 位应为 6 位数字区划代码（实为 %(region)s）。",
"Unified social credit code: the check character is wrong (expected %(expected)s).": "统一社会信用代码：校验码错误（应为 %(expected)s）。",
"Mobile number: enter an 11-digit mainland mobile number starting with 13-19.": "手机号码：请输入以 13–19 开头的 11 位大陆手机号码。",
"People": "人员", "Full name": "姓名", "Document number": "证件号码", "Mobile": "手机号码", "Region code": "区划代码",
"Region: %(code)s is not a region code within your area.": "行政区划：%(code)s 不是本辖区内的区划代码。",
"Document number: the same document appears on row %(row)s of this file.": "证件号码：与本文件第 %(row)s 行的证件重复。",
"Document number: a person with this document is already registered.": "证件号码：持该证件的人员已登记。",
"Male": "男", "Female": "女", "document number (encrypted)": "证件号码（加密）", "birth date": "出生日期", "sex": "性别",
"mobile (encrypted)": "手机号码（加密）", "person": "人员", "people": "人员",
"Can see unmasked personal data (logged)": "可查看未脱敏个人信息（留痕）", "Portal": "门户", "API": "接口", "fields": "字段",
"channel": "渠道", "IP address": "IP 地址", "accessed at": "查阅时间", "personal data access": "个人信息查阅记录",
"personal data accesses": "个人信息查阅记录", "Document type: choose one of the listed types.": "证件类型：请选择列出的证件类型之一。",
"Full name: this field is required.": "姓名：此项必填。", "Full name: at most 100 characters.": "姓名：最多 100 个字。",
"Region: this field is required.": "行政区划：此项必填。", "You are not allowed to see unmasked personal data.": "您无权查看未脱敏的个人信息。",
"Reason: say why you need the unmasked data.": "事由：请说明查看完整信息的原因。",
"Show the full document number and mobile — reason (logged)": "查看完整证件号码和手机号码——事由（将留痕）",
"Show unmasked": "查看完整信息",
"This view has been recorded with your reason. Do not copy or pass on this data beyond the stated purpose.": "本次查阅已连同事由记录在案。请勿超出所述用途复制或转交这些信息。",
"Back": "返回", "Birth date": "出生日期", "Age": "年龄", "Region of residence": "居住地区划", "Registered": "登记时间",
"User": "用户", "When": "时间", "Person": "人员", "Fields": "字段", "Reason": "事由", "Channel": "渠道",
"Some fields are not valid.": "部分字段有误。", "Idempotency-Key: at most 255 characters.": "Idempotency-Key：最多 255 个字符。",
"At most 255 characters.": "最多 255 个字符。", "This Idempotency-Key was already used with a different request.": "该 Idempotency-Key 已用于另一不同的请求。",
"Platform": "平台", "The file lacks these columns: %(columns)s.": "文件缺少以下列：%(columns)s。",
"The file is not a readable Excel (.xlsx) workbook.": "文件不是可读取的 Excel（.xlsx）工作簿。",
"The CSV file is neither UTF-8 nor GB18030 text.": "CSV 文件既不是 UTF-8 也不是 GB18030 编码。",
"Upload an Excel (.xlsx) or CSV (.csv) file.": "请上传 Excel（.xlsx）或 CSV（.csv）文件。", "The file is empty.": "文件为空。",
"Unknown import.": "未知的导入类型。", "Your role may not import these records.": "您的角色无权导入此类记录。",
"This import is no longer waiting for a decision.": "该导入已不在等待确认。", "Can read the change history of records": "可查看记录变更历史",
"Can issue and revoke API tokens": "可签发和吊销 API 令牌", "Waiting for a worker": "排队中", "Validating": "校验中",
"Has bad rows: waiting for your decision": "有错误行，等待您确认", "Importing": "导入中", "Done": "已完成", "Failed": "失败",
"Cancelled": "已取消", "what": "导入内容", "file": "文件", "uploaded by": "上传人",
"The uploader's region: the job is visible within it.": "上传人所属区划：该区划内可见此导入。", "status": "状态",
"import the good rows": "导入正确行", "rows": "行数", "good rows": "正确行", "bad rows": "错误行", "imported rows": "已导入行",
"errors": "错误", "message": "消息", "uploaded at": "上传时间", "finished at": "完成时间", "import": "导入", "imports": "导入",
"Overview": "概览", "Dashboard": "工作台", "Red Cross organisations": "红十字组织", "Regions": "行政区划", "Staff": "工作人员",
"Imports": "批量导入", "Personal data access log": "个人信息查阅记录", "Administration": "系统管理", "Change history": "变更记录",
"API tokens": "API 令牌", "API documentation": "API 文档", "Excel or CSV file": "Excel 或 CSV 文件",
"If some rows are bad, import the good rows anyway": "如有错误行，仍导入正确行",
"Leave unticked to review the bad rows first: nothing is written until you decide.": "不勾选则先查看错误行：在您确认之前不会写入任何数据。",
"File: at most 50 MB.": "文件：最大 50 MB。", "Import %(what)s": "导入%(what)s", "Bad rows": "错误行", "Row": "行号",
"Column": "列", "File": "文件", "What": "内容", "Status": "状态", "Rows": "行数", "Imported": "已导入",
"Uploaded by": "上传人", "Uploaded at": "上传时间", "system": "系统", "Token of %(user)s revoked.": "已吊销 %(user)s 的令牌。",
"Token for %(user)s: %(key)s. Copy it now and hand it over safely.": "%(user)s 的令牌：%(key)s。请立即复制并安全移交。",
"Partner agencies use the API.": "合作单位请通过接口访问。", "Your role does not allow this page.": "您的角色无权访问此页面。",
"Saved.": "已保存。", "Edit %(name)s": "编辑 %(name)s", "New %(model)s": "新建%(model)s",
"You do not have access to this page.": "您无权访问此页面。", "This page does not exist, or it is outside your area.": "页面不存在，或不在您的辖区范围内。",
"Something went wrong on our side. The error has been logged.": "系统出现错误，已记录日志。", "Home": "首页",
"Coverage by region": "分区域覆盖情况", "Chengdu Smart Red Cross": "成都智慧红十字会", "Staff portal": "工作人员门户",
"Log out": "退出", "Main": "主导航", "Edit": "编辑", "Event": "事件", "Changes": "变更内容", "No recorded changes.": "暂无变更记录。",
"Save": "保存", "Cancel": "取消",
"Every change to a record is captured by database triggers, including bulk updates. Read-only.": "每一次记录变更（包括批量更新）均由数据库触发器记录。只读。",
"Record type": "记录类型", "All": "全部", "Filter": "筛选", "Who": "操作人", "Record": "记录", "Previous": "上一页",
"Page %(n)s of %(total)s": "第 %(n)s 页，共 %(total)s 页", "Next": "下一页", "Active organisations": "在册红十字组织",
"People in the registry": "人员库人数", "Open the drill-down": "逐级查看", "Import": "导入", "All imports": "全部导入",
"Good rows": "正确行", "Imported rows": "已导入行",
"%(bad)s rows have errors and nothing has been written. You can import the %(good)s good rows now and fix the others later, or cancel and upload a corrected file.": "%(bad)s 行有错误，尚未写入任何数据。您可以现在导入 %(good)s 条正确行、稍后修正其余各行，也可以取消并上传修正后的文件。",
"Import the %(good)s good rows": "导入 %(good)s 条正确行", "Cancel this import": "取消本次导入", "Download all as Excel": "全部下载为 Excel",
"%(n)s more in the Excel report.": "另有 %(n)s 条见 Excel 报告。", "Download the template": "下载模板", "Columns": "列",
"Required": "必填", "Example": "示例",
"The first row holds the column names, in Chinese or English. Every row is checked in the background; you see each bad row with its reason before anything is written.": "第一行为列名，可用中文或英文。后台逐行校验；写入前您可看到每个错误行及其原因。",
"Upload and check": "上传并校验", "Export Excel": "导出 Excel", "Export CSV": "导出 CSV", "Import from Excel": "从 Excel 导入",
"New": "新建", "Reset": "重置", "%(counter)s record": "共 %(counter)s 条记录", "Nothing matches these filters.": "没有符合条件的记录。",
"Log in": "登录", "Staff log in": "工作人员登录",
"For staff of the Chengdu Red Cross Society, its district branches and grassroots organisations.": "供成都市红十字会、各区（市）县红十字会及基层组织工作人员使用。",
"Wrong username or password.": "用户名或密码错误。", "Password": "密码",
"District branch systems and partner agencies call the API with a token: send it as the header Authorization: Token <key>. A token sees exactly what its user sees.": "区（市）县系统和合作单位使用令牌调用接口：在请求头中发送 Authorization: Token <key>。令牌可见范围与其用户相同。",
"Issued": "签发时间", "Revoke": "吊销", "No tokens issued.": "尚未签发令牌。", "Issue a token for": "为以下用户签发令牌",
"Issue token": "签发令牌", "Chengdu Red Cross Society": "成都市红十字会", "Humanity · Impartiality · Dedication": "人道 · 博爱 · 奉献",
"Chengdu Red Cross Society · Figures are published as recorded; personal data is never shown.": "成都市红十字会 · 数据按登记情况公开，不公开任何个人信息。",
"Red Cross in every town and community of Chengdu": "红十字，在成都每一个乡镇和社区",
"The Chengdu Red Cross Society and its branches work in every district: first-aid training, volunteer service, relief and humanitarian aid. These figures come live from the platform.": "成都市红十字会及各级红十字组织遍布各区（市）县：应急救护培训、志愿服务、赈济救灾和人道救助。以下数据实时来自平台。",
"Member units": "团体会员单位", "Districts and counties": "区（市）县",
"of %(n)s towns have a Red Cross organisation, premises and work": "%(n)s 个乡镇（街道）中实现“有组织、有阵地、有工作”的比例",
"of %(n)s communities and villages have a Red Cross station": "%(n)s 个社区（村）中设有红十字服务站点的比例",
"Coverage as of %(d)s.": "覆盖数据统计至 %(d)s。",
}


def fill(path):
    import re

    text = open(path, encoding="utf-8").read()
    header, *entries = re.split(r"\n\n(?=(?:#.*\n)*msgid )", text)
    header = re.sub(r'"Plural-Forms:.*?\\n"', '"Plural-Forms: nplurals=1; plural=0;\\\\n"', header)
    header = header.replace("#, fuzzy\n", "")
    header = header.replace('"Project-Id-Version: PACKAGE VERSION\\n"', '"Project-Id-Version: chengdu-redcross\\n"')
    header = header.replace('"Language: \\n"', '"Language: zh_Hans\\n"')
    header = header.replace('"Language-Team: LANGUAGE <LL@li.org>\\n"', '"Language-Team: zh_Hans\\n"')
    header = header.replace('"Content-Type: text/plain; charset=CHARSET\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"')
    missing, out = [], [header]
    for entry in entries:
        lines = entry.split("\n")
        comments = [l for l in lines if l.startswith("#") and l != "#, fuzzy" and not l.startswith("#| ")]
        comments = [c.replace(", fuzzy", "") if c.startswith("#,") else c for c in comments]
        comments = [c for c in comments if c.strip() != "#,"]
        body = "\n".join(l for l in lines if not l.startswith("#"))
        msgid = _join(body, "msgid")
        plural = _join(body, "msgid_plural")
        zh = ZH.get(msgid)
        if zh is None:
            missing.append(msgid)
            zh = ""
        block = comments + [f"msgid {_q(msgid)}"]
        if plural is not None:
            block += [f"msgid_plural {_q(plural)}", f"msgstr[0] {_q(zh)}"]
        else:
            block += [f"msgstr {_q(zh)}"]
        out.append("\n".join(block))
    open(path, "w", encoding="utf-8").write("\n\n".join(out).rstrip("\n") + "\n")
    return missing


def _join(body, key):
    import re

    match = re.search(rf'^{key} ((?:".*"\n?)+)', body + "\n", re.M)
    if not match:
        return None
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))
    # Undo the .po escapes (\n, \", \\) while keeping the UTF-8 text intact.
    return "".join(p.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8") for p in parts)


def _q(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


if __name__ == "__main__":
    from pathlib import Path

    po = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    missing = fill(po)
    for msgid in missing:
        print("untranslated:", msgid)
