#!/usr/bin/env python3
"""Writes the hostile script corpus (tests/hostile/*.rhai).

Each file starts with `// expect: KIND [@LINE]` where KIND is `compile`, `contract`,
`runtime`, `io` or `limit:ID[|ID…]` (alternatives: an endless loop may hit the
operation limit or the deadline first, depending on the build; growing an
array or map one element at a time re-measures it each time, so the deadline
may come before the size limit). Run from
rules/: python3 tools/gen_hostile.py
"""
from pathlib import Path

OUT = Path("tests/hostile")
VALID_SCORE = """fn score(o, p, q) {
    award("general", "Tiêu chí chung", 50.0, "ok");
    scored(50.0, "HTNV", #{})
}
"""


# Where the error must be reported, for scripts whose line is unambiguous.
LINES = {"loop_forever": 4, "recursion": 3, "string_doubling": 5, "array_nested_doubling": 5,
         "too_many_variables": 257, "cohort_loop": 7, "award_flood": 4, "nan_total": 5,
         "syntax_error": 4, "eval_attempt": 4, "int_overflow_mul": 5, "unknown_property": 4}


def body(expect, code, what, line=None):
    at = f" @{line}" if line else ""
    return f"// expect: {expect}{at}\n// {what}\n{code}"


def in_score(lines):
    return "fn score(o, p, q) {\n" + "".join(f"    {l}\n" for l in lines) + "}\n"


SCRIPTS = {
    "loop_forever": ("limit:operations|deadline", in_score(["loop { }"]), "vòng lặp vô hạn"),
    "while_true": ("limit:operations|deadline", in_score(["let x = 0;", "while true { x += 1; }"]),
                   "while luôn đúng"),
    "range_huge": ("limit:operations|deadline",
                   in_score(["let n = 0;", "for i in 0..9223372036854775807 { n = i; }"]),
                   "lặp trên khoảng khổng lồ"),
    "sort_bomb": ("limit:operations|deadline",
                  in_score(["let a = [];", "for i in 0..90000 { a.push(i); }", "a.sort(|x, y| y - x);",
                            "loop { a.reverse(); }"]),
                  "sắp xếp mảng lớn bằng hàm so sánh rồi lặp mãi"),
    "recursion": ("limit:call_depth",
                  "fn down(n) { down(n + 1) }\n" + in_score(["down(0)"]), "đệ quy vô hạn"),
    "mutual_recursion": ("limit:call_depth",
                         "fn ping(n) { pong(n + 1) }\nfn pong(n) { ping(n + 1) }\n" + in_score(["ping(0)"]),
                         "đệ quy tương hỗ"),
    "closure_recursion": ("limit:call_depth|operations|deadline",
                          in_score(["let f = |g| g.call(g);", "f.call(f)"]), "closure tự gọi"),
    "string_doubling": ("limit:string_size", in_score(['let s = "ab";', "loop { s += s; }"]),
                        "chuỗi tăng gấp đôi"),
    "string_pad": ("limit:string_size", in_score(['let s = "";', 's.pad(100000000, "x");']),
                   "chuỗi độn 100 triệu ký tự"),
    "string_interpolation_growth": ("limit:string_size",
                                    in_score(['let s = "x";', "loop { s = `${s}${s}`; }"]),
                                    "chuỗi tăng qua nội suy"),
    "array_push": ("limit:array_size|operations|deadline", in_score(["let a = [];", "loop { a.push(1); }"]),
                   "mảng tăng mãi"),
    "array_pad": ("limit:array_size", in_score(["let a = [];", "a.pad(1000000000, 0);"]),
                  "mảng độn một tỷ phần tử"),
    "array_nested_doubling": ("limit:array_size", in_score(["let a = [1];", "loop { a = [a, a]; }"]),
                              "mảng lồng tăng gấp đôi"),
    "map_growth": ("limit:map_size|operations|deadline",
                   in_score(["let m = #{};", "let i = 0;", 'loop { m["k" + i] = i; i += 1; }']),
                   "bảng tăng mãi"),
    "deep_parens": ("limit:expression_depth",
                    in_score(["let x = " + "(" * 3000 + "1" + ")" * 3000 + ";"]), "ngoặc lồng 3000 cấp"),
    "deep_blocks": ("limit:expression_depth", in_score(["{" * 2000 + "}" * 2000]), "khối lồng 2000 cấp"),
    "deep_if": ("limit:expression_depth",
                in_score(["if true { " * 500 + "1" + " }" * 500]), "if lồng 500 cấp"),
    "deep_map_literal": ("limit:expression_depth",
                         in_score(["let m = " + "#{a: " * 400 + "1" + "}" * 400 + ";"]),
                         "bảng lồng 400 cấp"),
    "deep_unary": ("limit:expression_depth", in_score(["let x = " + "- " * 5000 + "1;"]),
                   "5000 dấu trừ lồng nhau"),
    "long_string_literal": ("limit:string_size", in_score(['let s = "' + "x" * 70000 + '";']),
                            "chuỗi hằng dài hơn giới hạn"),
    "too_many_functions": ("limit:functions",
                           "".join(f"fn f{i}() {{ {i} }}\n" for i in range(80)) + VALID_SCORE,
                           "80 hàm"),
    "too_many_variables": ("limit:variables", in_score([f"let v{i} = {i};" for i in range(300)]),
                           "300 biến cùng lúc"),
    "int_overflow_add": ("runtime", in_score(["let x = 9223372036854775807;", "x + 1"]),
                         "tràn số nguyên khi cộng"),
    "int_overflow_mul": ("runtime", in_score(["let x = 3;", "loop { x *= x; }"]), "tràn số nguyên khi nhân"),
    "int_overflow_pow": ("runtime", in_score(["let b = 2;", "b ** 100"]), "tràn số nguyên khi lũy thừa"),
    "div_zero_int": ("runtime", in_score(["let z = 0;", "10 / z"]), "chia số nguyên cho 0"),
    "mod_zero": ("runtime", in_score(["let z = 0;", "10 % z"]), "chia lấy dư cho 0"),
    "nan_total": ("runtime", in_score(["let z = 0.0;", 'scored(z / z, "HTNV", #{})']), "tổng là NaN"),
    "inf_total": ("runtime", in_score(["let z = 0.0;", 'scored(1.0 / z, "HTNV", #{})']),
                  "tổng là vô cùng"),
    "nan_award": ("runtime", in_score(["let z = 0.0;", 'award("x", "y", z / z, "z");',
                                       'scored(0.0, "KHTNV", #{})']), "điểm award là NaN"),
    "infinite_weights": ("runtime", in_score(["let e = o.entries;",
                                              'award("x", "y", 1.0, "z", e.norm_minutes / 0.0);',
                                              'scored(1.0, "KHTNV", #{})']),
                         "trọng số vô cùng"),
    "nan_component": ("runtime", in_score(['award("x", "y", 10.0, "z");', "let z = 0.0;",
                                           'scored(10.0, "KHTNV", #{ a: z / z })']),
                      "thành phần là NaN"),
    "eval_attempt": ("compile", in_score(['eval("40 + 2")']), "dùng eval"),
    "import_attempt": ("compile", 'import "std" as s;\n' + VALID_SCORE, "dùng import"),
    "import_in_fn": ("compile", in_score(['import "/etc/passwd" as x;', "1"]), "import trong hàm"),
    "print_attempt": ("compile", in_score(['print("xin chào");', "1"]), "in ra stdout"),
    "debug_attempt": ("compile", in_score(['debug("xin chào");', "1"]), "debug ra stdout"),
    "sleep_attempt": ("runtime", in_score(["sleep(10);", "1"]), "ngủ"),
    "exit_attempt": ("runtime", in_score(["exit(3);", "1"]), "thoát chương trình"),
    "parse_json_attempt": ("runtime", in_score(['parse_json("{}")']), "parse_json không có"),
    "timestamp_attempt": ("runtime", in_score(["timestamp()"]), "đọc đồng hồ"),
    "throw": ("runtime", in_score(['throw "hỏng";']), "ném lỗi"),
    "no_score_fn": ("contract", "fn other(a) { a }\n", "không có hàm score"),
    "wrong_arity": ("contract", "fn score(o) { 1 }\n", "score sai số tham số"),
    "cohort_wrong_arity": ("contract", VALID_SCORE + "fn cohort(m) { }\n", "cohort sai số tham số"),
    "top_level_loop": ("contract", "loop { }\n" + VALID_SCORE, "mã ở cấp ngoài cùng"),
    "redefine_award": ("contract", "fn award(a, b, c, d) { }\n" + VALID_SCORE,
                       "định nghĩa lại hàm có sẵn"),
    "syntax_error": ("compile", "fn score(o, p, q) {\n    let x = (1 + ;\n", "lỗi cú pháp"),
    "unclosed_string": ("compile", in_score(['let s = "chưa đóng;']), "chuỗi chưa đóng"),
    "undefined_variable": ("compile", in_score(["nope + 1"]), "biến chưa khai báo"),
    "wrong_return": ("contract", in_score(["42"]), "trả về sai kiểu"),
    "trace_mismatch": ("contract", in_score(['scored(100.0, "HTXSNV", #{})']),
                       "tổng không khớp với các khoản award"),
    "unknown_property": ("runtime", in_score(["p.nope"]), "tham số không tồn tại"),
    "unknown_criterion": ("runtime", in_score(["o.criteria.reform_it"]), "tiêu chí không có"),
    "award_flood": ("limit:trace_items", in_score(['loop { award("x", "y", 0.0, "z"); }']),
                    "ghi vô số khoản giải thích"),
    "huge_label": ("runtime", in_score(['let s = "";', 's.pad(5000, "x");', 'award("x", s, 0.0, "z");', "1"]),
                   "nhãn quá dài"),
    "reserved_rule_id": ("runtime", in_score(['award("rounding", "y", 0.0, "z");', "1"]),
                         "dùng mã quy tắc dành riêng"),
    "empty_grade": ("runtime", in_score(['scored(0.0, "", #{})']), "xếp loại rỗng"),
    "column_hoarding": ("limit:column_memory|deadline",
                        in_score(["let big = [];", "big.pad(90000, 1.0);", "let keep = [];",
                                  "loop { keep.push(column(big)); }"]),
                        "giữ vô số cột lớn (kích thước cột không nằm trong giới hạn mảng)"),
    "column_mismatch": ("runtime", in_score(["column([1.0, 2.0]) + o.entries.norm_minutes"]),
                        "hai cột khác độ dài"),
    "column_index_out_of_range": ("runtime", in_score(["o.entries.norm_minutes[99]"]),
                                  "chỉ số cột ngoài phạm vi"),
    "cohort_loop": ("limit:operations|deadline", VALID_SCORE + "fn cohort(m, p) { loop { } }\n",
                    "vòng lặp vô hạn ở bước nhóm"),
    "regrade_stranger": ("runtime", VALID_SCORE + 'fn cohort(m, p) { regrade("ai-do", "X", "r", "l", "e"); }\n',
                         "đổi xếp loại người ngoài nhóm"),
    "award_in_cohort": ("runtime", VALID_SCORE + 'fn cohort(m, p) { award("x", "y", 1.0, "z"); }\n',
                        "award trong bước nhóm"),
    "regrade_in_score": ("runtime", in_score(['regrade(o.id, "X", "r", "l", "e");', "1"]),
                         "regrade trong score"),
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.rhai"):
        old.unlink()
    for name, (expect, code, what) in SCRIPTS.items():
        (OUT / f"{name}.rhai").write_text(body(expect, code, what, LINES.get(name)))
    (OUT / "invalid_utf8.rhai").write_bytes(
        b"// expect: io\n// t\xe1\xba\xadp tin kh\xf4ng ph\xe1i UTF-8\n" + VALID_SCORE.encode() + b"\xff\xfe\n")
    inputs = OUT / "inputs"
    inputs.mkdir(exist_ok=True)
    (inputs / "invalid_utf8.json").write_bytes(
        b'{"period": {"kind": "month", "start": "2025-05-01", "end": "2025-05-31"}, "officers": [{"id": "cb-\xff"}]}')
    print(f"{len(SCRIPTS) + 1} scripts")


main()
