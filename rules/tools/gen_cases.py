#!/usr/bin/env python3
"""Writes the test cases of the shipped profiles (profiles/*/cases.json).

The expected values come from an oracle written here, independently of the
Rhai scripts, straight from DOMAIN.md; key boundaries are also asserted by
hand below. Run from rules/: python3 tools/gen_cases.py
"""
import json
import math
from decimal import Decimal, ROUND_HALF_EVEN, ROUND_HALF_UP
from pathlib import Path

PERIOD = {"kind": "month", "start": "2025-05-01", "end": "2025-05-31"}


def round2(x):
    """Half away from zero on the decimal value (snap to 9 decimals first)."""
    d = Decimal(x).quantize(Decimal("1e-9"), rounding=ROUND_HALF_EVEN)
    return float(d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def entry(eid, norm=60, coef=1.0, assigned=10, completed=10, deadline="2025-05-20",
          completed_on="2025-05-15", qf=0, delays=0, objective=False, task="D01"):
    return {"id": eid, "date": "2025-05-05", "task": task, "norm_minutes": norm,
            "coefficient": coef, "assigned_qty": assigned, "completed_qty": completed,
            "deadline": deadline, "completed_on": completed_on, "quality_failures": qf,
            "delays": delays, "objective_cause": objective}


def full(eid="e-1"):
    """a = b = c = 1: task = 70."""
    return [entry(eid)]


def three_quarters(eid="e-1"):
    """a = b = c = 0.75: task = 52.5."""
    return [entry(eid, assigned=8, completed=6)]


def half(eid="e-1"):
    """a = b = c = 0.5: task = 35."""
    return [entry(eid, assigned=10, completed=5)]


def mixed_entries():
    """Catalog items of DOMAIN.md: norms and levels differ, one late, one quality error."""
    return [
        entry("e-b01", task="B01", norm=120, coef=1.2, assigned=3, completed=3),
        entry("e-c05", task="C05", norm=6, coef=1.0, assigned=200, completed=180),
        entry("e-c09", task="C09", norm=480, coef=1.5, assigned=1, completed=1,
              deadline="2025-05-10", completed_on="2025-05-12"),
        entry("e-b02", task="B02", norm=180, coef=1.0, assigned=4, completed=4, qf=1),
        entry("e-d01", task="D01", norm=60, coef=1.0, assigned=5, completed=2, deadline=None,
              completed_on=None)]


def officer(oid, entries, general=None, reform_it=None, cohort="snv:chuyen-vien",
            disqualified=False, name=None, led_unit=None):
    criteria = {}
    if general is not None:
        criteria["general"] = general
    if reform_it is not None:
        criteria["reform_it"] = reform_it
    o = {"id": oid, "name": name or f"Cán bộ {oid}", "unit": "snv/tccb",
         "position": "CV", "cohort": cohort, "disqualified": disqualified,
         "criteria": criteria, "entries": entries}
    if led_unit is not None:
        o["led_unit"] = led_unit
    return o


DECREE = {"general_max": 30, "task_max": 70, "weight_quantity": 1, "weight_quality": 1,
          "weight_timeliness": 1, "quality_penalty": 0.25, "delay_penalty": 0.25,
          "excellent_min": 90, "good_min": 70, "pass_min": 50, "excellent_cap_percent": 20}
LEADER = dict(DECREE, unit_weight=0.5, unit_fail_ratio=0.5)
KHANH_HOA = {"general_max": 20, "reform_it_max": 10, "task_max": 70, "weight_quantity": 1,
             "weight_quality": 1, "weight_timeliness": 1, "quality_penalty": 0.25,
             "delay_penalty": 0.25, "excellent_min": 90, "good_above": 80, "pass_min": 50}


def task_score(o, p):
    sa = sc = sq = st = 0.0
    for e in o["entries"]:
        u = e["norm_minutes"] / 60.0 * e["coefficient"]
        a, c = e["assigned_qty"] * u, e["completed_qty"] * u
        late = 1 if (e["completed_on"] and e["deadline"] and e["completed_on"] > e["deadline"]) else 0
        delays = max(e["delays"], late)
        q = c * max(0.0, 1 - p["quality_penalty"] * e["quality_failures"])
        t = c * max(0.0, 1 - p["delay_penalty"] * delays)
        if e["objective_cause"]:
            q = t = c
        sa += a; sc += c; sq += q; st += t
    if sa <= 0:
        return None
    a, b, c = min(1, sc / sa), min(1, sq / sa), min(1, st / sa)
    w = p["weight_quantity"] + p["weight_quality"] + p["weight_timeliness"]
    task = (p["weight_quantity"] * a + p["weight_quality"] * b + p["weight_timeliness"] * c) / w * p["task_max"]
    return a, b, c, task


def decree_grade(total, p):
    if total >= p["excellent_min"]:
        return "HTXSNV"
    if total >= p["good_min"]:
        return "HTTNV"
    if total >= p["pass_min"]:
        return "HTNV"
    return "KHTNV"


def unit_result(led, p):
    """(scored members, members graded KHTNV) of a leader's unit, by the decree formula."""
    scored = failed = 0
    for m in (led or {}).get("members", []):
        parts = task_score(m, p)
        if parts is None or "general" not in m["criteria"]:
            continue
        scored += 1
        total = round2(min(p["general_max"], m["criteria"]["general"]) + parts[3])
        if m["disqualified"] or decree_grade(total, p) == "KHTNV":
            failed += 1
    return scored, failed


def oracle(doc, profile, params):
    p = dict({"decree": DECREE, "leader": LEADER, "khanh-hoa": KHANH_HOA}[profile])
    p.update(params)
    out = {}
    for o in doc["officers"]:
        parts = task_score(o, p)
        crit = o["criteria"]
        needed = ["general"] + (["reform_it"] if profile == "khanh-hoa" else [])
        if parts is None or any(k not in crit for k in needed):
            out[o["id"]] = {"officer": o["id"], "status": "not_scored"}
            continue
        a, b, c, task = parts
        general = min(p["general_max"], crit["general"])
        comps = {"a": a, "b": b, "c": c, "task": task, "general": general}
        if profile == "leader":
            scored, failed = unit_result(o.get("led_unit"), p)
            w = p["unit_weight"] if scored else 0.0
            ratio = 1.0 if failed == 0 else p["unit_fail_ratio"]
            comps.update(own_task=task, unit_weight=w)
            task = (1 - w) * task + w * ratio * p["task_max"]
            comps["task"] = task
            if scored:
                comps["unit_ratio"] = ratio
        raw = general + task
        if profile == "khanh-hoa":
            comps["reform_it"] = min(p["reform_it_max"], crit["reform_it"])
            raw += comps["reform_it"]
        total = round2(raw)
        if o["disqualified"]:
            grade = "KHTNV"
        elif total >= p["excellent_min"]:
            grade = "HTXSNV"
        elif profile != "khanh-hoa" and total >= p["good_min"]:
            grade = "HTTNV"
        elif profile == "khanh-hoa" and total > p["good_above"]:
            grade = "HTTNV"
        elif total >= p["pass_min"]:
            grade = "HTNV"
        else:
            grade = "KHTNV"
        out[o["id"]] = {"officer": o["id"], "status": "scored", "total": total,
                        "grade": grade, "components": comps, "_cohort": o["cohort"]}
    if profile != "khanh-hoa":
        apply_cap(out, p["excellent_cap_percent"])
    for r in out.values():
        r.pop("_cohort", None)
        if "components" in r:
            r["components"] = {k: round(v, 6) for k, v in r["components"].items()}
    return out


def apply_cap(results, cap):
    cohorts = {}
    for r in results.values():
        if r["status"] == "scored":
            cohorts.setdefault(r["_cohort"], []).append(r)
    for members in cohorts.values():
        top = [m for m in members if m["grade"] == "HTXSNV"]
        g = sum(1 for m in members if m["grade"] == "HTTNV")
        x = len(top)
        k = min(x, (g + x) * cap // (100 + cap))
        top.sort(key=lambda m: (-m["total"], -m["components"]["task"], m["officer"]))
        for m in top[k:]:
            m["grade"] = "HTTNV"


def case(name, officers, profile, params=None, check=None):
    doc = {"period": PERIOD, "officers": officers}
    expected = oracle(doc, profile, params or {})
    for oid, want in (check or {}).items():
        got = expected[oid]
        for key, value in want.items():
            actual = got[key] if key in got else got["components"].get(key)
            ok = math.isclose(actual, value, abs_tol=1e-9) if isinstance(value, float) else actual == value
            assert ok, f"{name}: {oid}.{key} oracle {actual} != hand {value}"
    spec = {"name": name, "input": doc, "expect": list(expected.values())}
    if params:
        spec["params"] = params
    return spec


def fillers(n, cohort="snv:chuyen-vien", prefix="f"):
    """Officers graded HTTNV at 80.00, so one HTXSNV survives the 20% cap."""
    return [officer(f"{prefix}-{i}", full(), general=10, cohort=cohort) for i in range(1, n + 1)]


def decree_cases():
    D = "decree"
    cases = []
    cases.append(case("Tài liệu mẫu DOMAIN.md: 97,50 điểm, một mình trong nhóm nên bị giới hạn xuống HTTNV", [
        officer("cb-0001", [entry("e-1", task="C08", norm=30, coef=1.2, assigned=4, completed=4,
                                  deadline="2025-05-07", completed_on="2025-05-06")],
                general=27.5, name="Nguyễn Văn An")], D,
        check={"cb-0001": {"total": 97.5, "grade": "HTTNV"}}))
    cases.append(case("Ranh giới 90: đúng 90,00 là HTXSNV, 89,99 là HTTNV", [
        officer("cb-90", full(), general=20), officer("cb-8999", full(), general=19.99),
        *fillers(4)], D,
        check={"cb-90": {"total": 90.0, "grade": "HTXSNV"}, "cb-8999": {"total": 89.99, "grade": "HTTNV"}}))
    cases.append(case("Làm tròn trước khi xếp loại: 89,995 thành 90,00 (HTXSNV), 89,994 thành 89,99", [
        officer("cb-89995", full(), general=19.995), officer("cb-89994", full(), general=19.994),
        *fillers(4)], D,
        check={"cb-89995": {"total": 90.0, "grade": "HTXSNV"}, "cb-89994": {"total": 89.99, "grade": "HTTNV"}}))
    cases.append(case("Ranh giới 70: đúng 70,00 là HTTNV, 69,99 là HTNV", [
        officer("cb-70", three_quarters(), general=17.5), officer("cb-6999", three_quarters(), general=17.49)], D,
        check={"cb-70": {"total": 70.0, "grade": "HTTNV"}, "cb-6999": {"total": 69.99, "grade": "HTNV"}}))
    cases.append(case("Ranh giới 50: đúng 50,00 là HTNV, 49,99 là KHTNV", [
        officer("cb-50", half(), general=15), officer("cb-4999", half(), general=14.99)], D,
        check={"cb-50": {"total": 50.0, "grade": "HTNV"}, "cb-4999": {"total": 49.99, "grade": "KHTNV"}}))
    cases.append(case("Một lỗi chất lượng lớn trừ 25% khối lượng của công việc", [
        officer("cb-q1", [entry("e-1", qf=1)], general=25)], D,
        check={"cb-q1": {"total": 89.17, "grade": "HTTNV"}}))
    cases.append(case("Năm lỗi chất lượng: chất lượng của công việc về 0, không âm", [
        officer("cb-q5", [entry("e-1", qf=5)], general=30)], D,
        check={"cb-q5": {"total": 76.67, "grade": "HTTNV"}}))
    cases.append(case("Hai lần trễ hạn đã ghi nhận trừ 50% khối lượng", [
        officer("cb-d2", [entry("e-1", delays=2)], general=30)], D,
        check={"cb-d2": {"total": 88.33, "grade": "HTTNV"}}))
    cases.append(case("Hoàn thành sau hạn, chưa ghi nhận trễ: tính một lần trễ", [
        officer("cb-late", [entry("e-1", deadline="2025-05-10", completed_on="2025-05-12")], general=20)], D,
        check={"cb-late": {"total": 84.17, "grade": "HTTNV"}}))
    cases.append(case("Hoàn thành sau hạn và đã ghi nhận hai lần trễ: tính hai lần", [
        officer("cb-late2", [entry("e-1", deadline="2025-05-10", completed_on="2025-05-12", delays=2)],
                general=20)], D,
        check={"cb-late2": {"total": 78.33, "grade": "HTTNV"}}))
    cases.append(case("Nguyên nhân khách quan được xác nhận: không trừ lỗi và trễ hạn", [
        officer("cb-exempt", [entry("e-1", qf=2, delays=2, deadline="2025-05-10",
                                    completed_on="2025-05-12", objective=True)], general=15),
        officer("cb-not-exempt", [entry("e-1", qf=2, delays=2, deadline="2025-05-10",
                                        completed_on="2025-05-12")], general=15)], D,
        check={"cb-exempt": {"total": 85.0, "grade": "HTTNV"}, "cb-not-exempt": {"total": 61.67, "grade": "HTNV"}}))
    cases.append(case("Hoàn thành vượt khối lượng: tỷ lệ tính tối đa 100%", [
        officer("cb-over", [entry("e-1", assigned=10, completed=15)], general=15)], D,
        check={"cb-over": {"total": 85.0}}))
    cases.append(case("Vượt khối lượng bù được lỗi chất lượng vì tỷ lệ tính tối đa 100%", [
        officer("cb-over-q", [entry("e-1", assigned=10, completed=20, qf=1)], general=15)], D,
        check={"cb-over-q": {"total": 85.0}}))
    cases.append(case("Tiêu chí chung tính tối đa 30 điểm", [
        officer("cb-cap30", half(), general=35)], D,
        check={"cb-cap30": {"total": 65.0, "grade": "HTNV"}}))
    cases.append(case("Bị kỷ luật: KHTNV dù đạt 100 điểm", [
        officer("cb-disq", full(), general=30, disqualified=True)], D,
        check={"cb-disq": {"total": 100.0, "grade": "KHTNV"}}))
    cases.append(case("Không có việc được giao (tổng giao bằng 0): không chấm", [
        officer("cb-none", [entry("e-1", assigned=0, completed=3)], general=25)], D,
        check={"cb-none": {"status": "not_scored"}}))
    cases.append(case("Không có công việc nào trong kỳ: không chấm", [
        officer("cb-empty", [], general=25)], D, check={"cb-empty": {"status": "not_scored"}}))
    cases.append(case("Chưa có điểm tiêu chí chung: không chấm, không tính bằng 0", [
        officer("cb-nocrit", full())], D, check={"cb-nocrit": {"status": "not_scored"}}))
    cases.append(case("Giới hạn 20% khi bằng tổng điểm: xét điểm nhiệm vụ cao hơn", [
        officer("cb-a", [entry("e-1", deadline="2025-05-10", completed_on="2025-05-12")], general=30),
        officer("cb-b", full(), general=24.17), officer("cb-c", full(), general=22), *fillers(4)], D,
        check={"cb-b": {"total": 94.17, "grade": "HTXSNV"}, "cb-a": {"total": 94.17, "grade": "HTTNV"},
               "cb-c": {"total": 92.0, "grade": "HTTNV"}}))
    cases.append(case("Giới hạn 20% khi bằng cả tổng điểm và điểm nhiệm vụ: mã cán bộ nhỏ hơn giữ HTXSNV", [
        officer("cb-x2", full(), general=25), officer("cb-x1", full(), general=25), *fillers(4)], D,
        check={"cb-x1": {"grade": "HTXSNV"}, "cb-x2": {"grade": "HTTNV"}}))
    cases.append(case("Một cán bộ một mình trong nhóm: ⌊1/6⌋ = 0 nên không giữ được HTXSNV", [
        officer("cb-alone", full(), general=27.5, cohort="ubnd-xa:lanh-dao"),
        officer("cb-alone-good", full(), general=15, cohort="snv:van-thu")], D,
        check={"cb-alone": {"total": 97.5, "grade": "HTTNV"}, "cb-alone-good": {"total": 85.0, "grade": "HTTNV"}}))
    cases.append(case("Giới hạn 20%: hai HTXSNV và mười HTTNV thì cả hai giữ nguyên", [
        officer("cb-e1", full(), general=29), officer("cb-e2", full(), general=28), *fillers(10)], D,
        check={"cb-e1": {"grade": "HTXSNV"}, "cb-e2": {"grade": "HTXSNV"}}))
    cases.append(case("Giới hạn 20%: ba HTXSNV và chín HTTNV thì giữ hai người điểm cao nhất", [
        officer("cb-e1", full(), general=29), officer("cb-e2", full(), general=28),
        officer("cb-e3", full(), general=27), *fillers(9)], D,
        check={"cb-e1": {"grade": "HTXSNV"}, "cb-e2": {"grade": "HTXSNV"}, "cb-e3": {"grade": "HTTNV"}}))
    cases.append(case("Giới hạn 20% được xét riêng từng nhóm", [
        officer("cb-a-top", full(), general=25, cohort="nhom-a"), *fillers(5, "nhom-a", "fa"),
        officer("cb-b-top", full(), general=25, cohort="nhom-b"), *fillers(1, "nhom-b", "fb")], D,
        check={"cb-a-top": {"grade": "HTXSNV"}, "cb-b-top": {"grade": "HTTNV"}}))
    cases.append(case("Người bị kỷ luật không được tính là HTXSNV khi áp giới hạn", [
        officer("cb-disq", full(), general=30, disqualified=True), officer("cb-top", full(), general=25),
        *fillers(5)], D,
        check={"cb-disq": {"grade": "KHTNV"}, "cb-top": {"grade": "HTXSNV"}}))
    cases.append(case("Trọng số đổi qua tham số, không sửa kịch bản", [
        officer("cb-w", [entry("e-1", delays=2)], general=20)], D,
        params={"weight_quantity": 2, "weight_quality": 1, "weight_timeliness": 1},
        check={"cb-w": {"total": 81.25, "grade": "HTTNV"}}))
    cases.append(case("Ngưỡng xếp loại đổi qua tham số", [
        officer("cb-t", full(), general=22), *fillers(5)], D, params={"excellent_min": 95},
        check={"cb-t": {"total": 92.0, "grade": "HTTNV"}}))
    cases.append(case("Nhiều công việc với định mức và hệ số khác nhau", [
        officer("cb-mix", mixed_entries(), general=26)], D))
    return cases


def leader(oid, entries, general, members, code="snv/tccb", **kw):
    """A head of unit: cohort of leaders, leading `members` (None: no unit)."""
    led = None if members is None else {"code": code, "members": members}
    o = officer(oid, entries, general=general, cohort="snv:lanh-dao", led_unit=led, **kw)
    o["position"] = "TP"
    return o


def good_unit():
    """90,00 (HTXSNV before the cap), 67,50 (HTNV), 55,00 (HTNV): every member at least HTNV."""
    return [officer("cb-1", full(), general=20), officer("cb-2", three_quarters(), general=15),
            officer("cb-3", half(), general=20)]


def failing_unit():
    """As good_unit, but cb-3 has 45,00: KHTNV."""
    return [officer("cb-1", full(), general=20), officer("cb-2", three_quarters(), general=15),
            officer("cb-3", half(), general=10)]


def leader_cases():
    L = "leader"
    cases = []
    cases.append(case("Lãnh đạo: đơn vị đều đạt từ HTNV trở lên, kết quả đơn vị 100%", [
        leader("ld-1", three_quarters(), 25, good_unit()), *good_unit()], L,
        check={"ld-1": {"total": 86.25, "grade": "HTTNV", "task": 61.25, "unit_ratio": 1.0}}))
    cases.append(case("Lãnh đạo: một cán bộ KHTNV nên kết quả đơn vị 50%", [
        leader("ld-1", three_quarters(), 25, failing_unit())], L,
        check={"ld-1": {"total": 68.75, "grade": "HTNV", "task": 43.75, "unit_ratio": 0.5}}))
    cases.append(case("Lãnh đạo: cán bộ đạt 49,99 điểm là KHTNV, kéo kết quả đơn vị xuống 50%", [
        leader("ld-1", full(), 25, [officer("cb-1", full(), general=20),
                                    officer("cb-4999", half(), general=14.99)])], L,
        check={"ld-1": {"total": 77.5, "grade": "HTTNV", "unit_ratio": 0.5}}))
    cases.append(case("Lãnh đạo: cán bộ đạt đúng 50,00 điểm là HTNV, kết quả đơn vị 100%", [
        leader("ld-1", full(), 25, [officer("cb-1", full(), general=20),
                                    officer("cb-50", half(), general=15)])], L,
        check={"ld-1": {"total": 95.0, "unit_ratio": 1.0}}))
    cases.append(case("Lãnh đạo: cán bộ bị kỷ luật trong đơn vị tính là KHTNV", [
        leader("ld-1", full(), 25, [officer("cb-1", full(), general=20),
                                    officer("cb-disq", full(), general=30, disqualified=True)])], L,
        check={"ld-1": {"total": 77.5, "unit_ratio": 0.5}}))
    cases.append(case("Lãnh đạo không phụ trách đơn vị: chỉ tính công việc của bản thân", [
        leader("ld-1", three_quarters(), 25, None)], L,
        check={"ld-1": {"total": 77.5, "grade": "HTTNV", "task": 52.5, "unit_weight": 0.0}}))
    cases.append(case("Lãnh đạo có đơn vị nhưng không ai được chấm: chỉ tính công việc của bản thân", [
        leader("ld-1", three_quarters(), 25, [officer("cb-nocrit", half()),
                                              officer("cb-none", [entry("e-1", assigned=0)], general=20)])], L,
        check={"ld-1": {"total": 77.5, "task": 52.5, "unit_weight": 0.0}}))
    cases.append(case("Lãnh đạo có đơn vị không có thành viên: chỉ tính công việc của bản thân", [
        leader("ld-1", three_quarters(), 25, [])], L,
        check={"ld-1": {"total": 77.5, "unit_weight": 0.0}}))
    cases.append(case("Lãnh đạo: cán bộ không được chấm thì không tính vào kết quả đơn vị", [
        leader("ld-1", three_quarters(), 25, [
            officer("cb-1", half(), general=20),
            officer("cb-nocrit", [entry("e-1", assigned=10, completed=1)]),
            officer("cb-none", [entry("e-1", assigned=0, completed=3)], general=5),
            officer("cb-empty", [], general=5)])], L,
        check={"ld-1": {"total": 86.25, "unit_ratio": 1.0}}))
    cases.append(case("Trọng số đơn vị 0: chỉ tính công việc của bản thân dù đơn vị có người KHTNV", [
        leader("ld-1", three_quarters(), 25, failing_unit())], L, params={"unit_weight": 0},
        check={"ld-1": {"total": 77.5, "task": 52.5}}))
    cases.append(case("Trọng số đơn vị 1: chỉ tính kết quả đơn vị (100%)", [
        leader("ld-1", half(), 25, good_unit())], L, params={"unit_weight": 1},
        check={"ld-1": {"total": 95.0, "task": 70.0}}))
    cases.append(case("Trọng số đơn vị 1: chỉ tính kết quả đơn vị (50%)", [
        leader("ld-1", full(), 25, failing_unit())], L, params={"unit_weight": 1},
        check={"ld-1": {"total": 60.0, "grade": "HTNV", "task": 35.0}}))
    cases.append(case("Kết quả đơn vị khi có người KHTNV đổi qua tham số", [
        leader("ld-1", full(), 25, failing_unit())], L, params={"unit_fail_ratio": 0.2},
        check={"ld-1": {"total": 67.0, "unit_ratio": 0.2}}))
    cases.append(case("Lãnh đạo bị kỷ luật: KHTNV dù đơn vị đều đạt", [
        leader("ld-1", full(), 30, good_unit(), disqualified=True)], L,
        check={"ld-1": {"total": 100.0, "grade": "KHTNV"}}))
    cases.append(case("Giới hạn 20% áp cho nhóm lãnh đạo như mọi nhóm", [
        leader("ld-1", full(), 30, good_unit()), leader("ld-2", full(), 25, good_unit()),
        *[leader(f"ld-f{i}", full(), 10, None) for i in range(1, 5)]], L,
        check={"ld-1": {"total": 100.0, "grade": "HTXSNV"}, "ld-2": {"total": 95.0, "grade": "HTTNV"}}))
    # Without a unit, a leader is scored exactly as by decree-335: its cases hold here too.
    for c in decree_cases():
        cases.append(case(f"Như Nghị định 335 khi không phụ trách đơn vị — {c['name']}",
                          c["input"]["officers"], L, params=c.get("params")))
    return cases


def khanh_hoa_cases():
    K = "khanh-hoa"
    cases = []
    cases.append(case("Tài liệu mẫu với điểm cải cách: tiêu chí chung tính tối đa 20, không có giới hạn nhóm", [
        officer("cb-0001", [entry("e-1", task="C08", norm=30, coef=1.2, assigned=4, completed=4,
                                  deadline="2025-05-07", completed_on="2025-05-06")],
                general=27.5, reform_it=8, name="Nguyễn Văn An")], K,
        check={"cb-0001": {"total": 98.0, "grade": "HTXSNV"}}))
    cases.append(case("Ranh giới 90: đúng 90,00 là HTXSNV, 89,99 là HTTNV", [
        officer("cb-90", full(), general=15, reform_it=5), officer("cb-8999", full(), general=14.99, reform_it=5)], K,
        check={"cb-90": {"total": 90.0, "grade": "HTXSNV"}, "cb-8999": {"total": 89.99, "grade": "HTTNV"}}))
    cases.append(case("Làm tròn trước khi xếp loại: 89,995 thành 90,00", [
        officer("cb-89995", full(), general=14.995, reform_it=5)], K,
        check={"cb-89995": {"total": 90.0, "grade": "HTXSNV"}}))
    cases.append(case("Ranh giới 80: 80,01 là HTTNV, đúng 80,00 là HTNV", [
        officer("cb-8001", full(), general=5.01, reform_it=5), officer("cb-80", full(), general=5, reform_it=5)], K,
        check={"cb-8001": {"total": 80.01, "grade": "HTTNV"}, "cb-80": {"total": 80.0, "grade": "HTNV"}}))
    cases.append(case("Làm tròn quanh 80: 80,005 thành 80,01 (HTTNV), 80,004 thành 80,00 (HTNV)", [
        officer("cb-80005", full(), general=5.005, reform_it=5), officer("cb-80004", full(), general=5.004, reform_it=5)], K,
        check={"cb-80005": {"total": 80.01, "grade": "HTTNV"}, "cb-80004": {"total": 80.0, "grade": "HTNV"}}))
    cases.append(case("Ranh giới 50: đúng 50,00 là HTNV, 49,99 là KHTNV", [
        officer("cb-50", half(), general=10, reform_it=5), officer("cb-4999", half(), general=9.99, reform_it=5)], K,
        check={"cb-50": {"total": 50.0, "grade": "HTNV"}, "cb-4999": {"total": 49.99, "grade": "KHTNV"}}))
    cases.append(case("Một lỗi chất lượng lớn trừ 25% khối lượng của công việc", [
        officer("cb-q1", [entry("e-1", qf=1)], general=15, reform_it=5)], K,
        check={"cb-q1": {"total": 84.17, "grade": "HTTNV"}}))
    cases.append(case("Bốn lỗi chất lượng: chất lượng về 0", [
        officer("cb-q4", [entry("e-1", qf=4)], general=20, reform_it=10)], K,
        check={"cb-q4": {"total": 76.67, "grade": "HTNV"}}))
    cases.append(case("Một lần trễ hạn đã ghi nhận trừ 25%", [
        officer("cb-d1", [entry("e-1", delays=1)], general=15, reform_it=5)], K,
        check={"cb-d1": {"total": 84.17, "grade": "HTTNV"}}))
    cases.append(case("Hoàn thành sau hạn, chưa ghi nhận trễ: tính một lần trễ", [
        officer("cb-late", [entry("e-1", deadline="2025-05-10", completed_on="2025-05-11")], general=15, reform_it=5)], K,
        check={"cb-late": {"total": 84.17, "grade": "HTTNV"}}))
    cases.append(case("Nguyên nhân khách quan được xác nhận: không trừ", [
        officer("cb-exempt", [entry("e-1", qf=1, delays=1, objective=True)], general=15, reform_it=5)], K,
        check={"cb-exempt": {"total": 90.0, "grade": "HTXSNV"}}))
    cases.append(case("Hoàn thành vượt khối lượng: tỷ lệ tính tối đa 100%", [
        officer("cb-over", [entry("e-1", assigned=4, completed=9)], general=10, reform_it=5)], K,
        check={"cb-over": {"total": 85.0, "grade": "HTTNV"}}))
    cases.append(case("Tiêu chí chung tính tối đa 20 điểm", [
        officer("cb-g", half(), general=27, reform_it=5)], K,
        check={"cb-g": {"total": 60.0, "grade": "HTNV"}}))
    cases.append(case("Cải cách hành chính, CNTT tính tối đa 10 điểm", [
        officer("cb-r", half(), general=10, reform_it=14)], K,
        check={"cb-r": {"total": 55.0, "grade": "HTNV"}}))
    cases.append(case("Bị kỷ luật: KHTNV dù đạt 100 điểm", [
        officer("cb-disq", full(), general=20, reform_it=10, disqualified=True)], K,
        check={"cb-disq": {"total": 100.0, "grade": "KHTNV"}}))
    cases.append(case("Không có việc được giao: không chấm", [
        officer("cb-none", [entry("e-1", assigned=0, completed=0)], general=15, reform_it=5)], K,
        check={"cb-none": {"status": "not_scored"}}))
    cases.append(case("Không có công việc nào: không chấm", [
        officer("cb-empty", [], general=15, reform_it=5)], K, check={"cb-empty": {"status": "not_scored"}}))
    cases.append(case("Chưa có điểm cải cách hành chính, CNTT: không chấm", [
        officer("cb-noit", full(), general=15)], K, check={"cb-noit": {"status": "not_scored"}}))
    cases.append(case("Chưa có điểm tiêu chí chung: không chấm", [
        officer("cb-nogen", full(), reform_it=5)], K, check={"cb-nogen": {"status": "not_scored"}}))
    cases.append(case("Không áp giới hạn nhóm: ba người bằng điểm đều giữ HTXSNV", [
        officer("cb-t1", full(), general=20, reform_it=5), officer("cb-t2", full(), general=20, reform_it=5),
        officer("cb-t3", full(), general=20, reform_it=5), officer("cb-good", full(), general=12, reform_it=0)], K,
        check={"cb-t1": {"grade": "HTXSNV"}, "cb-t2": {"grade": "HTXSNV"}, "cb-t3": {"grade": "HTXSNV"}}))
    cases.append(case("Một cán bộ một mình trong nhóm vẫn giữ HTXSNV", [
        officer("cb-alone", full(), general=20, reform_it=10, cohort="ubnd-xa:lanh-dao")], K,
        check={"cb-alone": {"total": 100.0, "grade": "HTXSNV"}}))
    cases.append(case("Trọng số đổi qua tham số, không sửa kịch bản", [
        officer("cb-w", [entry("e-1", delays=2)], general=10, reform_it=5)], K,
        params={"weight_quantity": 2, "weight_quality": 1, "weight_timeliness": 1},
        check={"cb-w": {"total": 76.25, "grade": "HTNV"}}))
    cases.append(case("Nhiều công việc với định mức và hệ số khác nhau", [
        officer("cb-mix", mixed_entries(), general=18, reform_it=9)], K))
    return cases


def write(path, cases):
    Path(path).write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n")
    print(f"{path}: {len(cases)} cases")


if __name__ == "__main__":
    write("profiles/decree-335/cases.json", decree_cases())
    write("profiles/khanh-hoa-2025/cases.json", khanh_hoa_cases())
    write("profiles/leader/cases.json", leader_cases())
