import { describe, expect, it } from "vitest";
import { display, scanPython } from "../../../src/detect/app/python-source.js";
import { py } from "./memory-files.js";

/** [line, indent, code] of each statement. */
const shape = (text: string) => scanPython(text).map((s) => [s.line, s.indent, s.code]);

describe("scanPython", () => {
  it.each([
    ["comments and blank lines produce nothing", "# app = Flask(__name__)\n\n   # x\n", []],
    [
      "a trailing comment is dropped",
      "app = Flask(__name__)  # the app\n",
      [[1, 0, "app = Flask(__name__)"]],
    ],
    [
      "a docstring is one masked statement, its contents never code",
      py`
        """Usage:
        app = Flask(__name__)
        """
        x = 1
      `,
      [
        [1, 0, '"0"'],
        [4, 0, "x = 1"],
      ],
    ],
    [
      "parenthesised continuation lines join into one statement",
      py`
        app = Flask(
            __name__,  # comment inside
            static_folder="s",
        )
        y = 2
      `,
      [
        [1, 0, 'app = Flask( __name__, static_folder="0", )'],
        [5, 0, "y = 2"],
      ],
    ],
    [
      "backslash continuation joins",
      "app = \\\n    Flask(__name__)\nz = 3\n",
      [
        [1, 0, "app = Flask(__name__)"],
        [3, 0, "z = 3"],
      ],
    ],
    [
      "semicolons split statements",
      "import flask; app = flask.Flask(x)\n",
      [
        [1, 0, "import flask"],
        [1, 0, "app = flask.Flask(x)"],
      ],
    ],
    [
      "a # inside a string is not a comment",
      "s = 'a # b'; t = 1\n",
      [
        [1, 0, 's = "0"'],
        [1, 0, "t = 1"],
      ],
    ],
    ["escaped quotes stay inside the string", 's = "a \\" b" + c\n', [[1, 0, 's = "0" + c']]],
    [
      "string prefixes stay, contents are masked",
      "s = f'{x}' + rb\"y\"\n",
      [[1, 0, 's = f"0" + rb"1"']],
    ],
    [
      "indentation is measured",
      "def f():\n    return 1\n\tx = 2\n",
      [
        [1, 0, "def f():"],
        [2, 4, "return 1"],
        [3, 1, "x = 2"],
      ],
    ],
    [
      "CRLF line endings and a BOM",
      "\uFEFFa = 1\r\nb = (\r\n 2)\r\n",
      [
        [1, 0, "a = 1"],
        [2, 0, "b = ( 2)"],
      ],
    ],
    [
      "a triple-quoted string with quotes and newlines keeps line numbers right",
      "x = '''it's\n\"q\"\n'''\nafter = 1\n",
      [
        [1, 0, 'x = "0"'],
        [4, 0, "after = 1"],
      ],
    ],
    [
      "an unterminated string ends at the line end",
      "s = 'oops\nnext = 1\n",
      [
        [1, 0, 's = "0"'],
        [2, 0, "next = 1"],
      ],
    ],
  ])("%s", (_name, source, expected) => {
    expect(shape(source)).toStrictEqual(expected);
  });

  it("keeps string contents and shows them back for evidence", () => {
    const [statement] = scanPython('os.environ.get("PORT", "5000")\n');
    expect(statement?.strings).toStrictEqual(["PORT", "5000"]);
    expect(display(statement as never)).toBe('os.environ.get("PORT", "5000")');
  });

  it("never throws on unbalanced brackets", () => {
    expect(shape("x = (\n")).toStrictEqual([[1, 0, "x = ("]]);
    expect(shape("x = )\ny = 1\n")).toStrictEqual([
      [1, 0, "x = )"],
      [2, 0, "y = 1"],
    ]);
  });
});
