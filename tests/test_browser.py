"""The course tried in a real browser: Chromium, driven by Playwright, on the JupyterLab of `make lab`.

Student: open a copy of 00-start-here, type an answer into the exercise cell, run all, read the
test cell's output, press nbgrader's Validate button; then a wrong answer and its AssertionError.
Figures of 01 render as images, and the temperature slider of 03-smooth-argmax renders and redraws.
Instructor: after autograding two submissions, open formgrader from JupyterLab's Nbgrader menu,
type the manual grade of the written answer, and find it in gradebook.db and grades.csv.

Screenshots go to artifacts/browser/ (git-ignored). Notebook copies are made under
artifacts/browser/ too (inside the server's root); notebooks/ and solutions/ are never touched.
The browser is the system Chromium (scripts/system-deps.sh installs it); Playwright never
downloads one.
"""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from harness import CATALOGS, ROOT, SOLUTIONS, fill, nbg, read_nb, reference_answers, release_path, solution_path
from labserver import TOKEN, lab_in, make_lab

pytestmark = [pytest.mark.slow, pytest.mark.system("chromium")]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SHOTS = ROOT / "artifacts" / "browser"
# Generous: the machines have 2 cores and other work running. Every wait is for a state
# (a kernel idle, an output, a dialog), never a sleep, so a fast machine does not wait.
STEP_MS = 60_000
RUN_MS = 240_000

START = "00-start-here"


def lab_options(state: Path) -> list[str]:
    """Options for the JupyterLab of the tests: the app object in `window` (to wait on kernel
    states), and workspaces and settings of their own (a user's saved layout or settings would
    open other notebooks or change shortcuts). The settings turn off the "official Jupyter
    news?" toast, which would cover a corner of every screenshot."""
    news = state / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True, exist_ok=True)
    news.write_text(json.dumps({"fetchNews": "false"}))
    return ["--LabApp.expose_app_in_browser=True",
            f"--LabApp.workspaces_dir={state / 'workspaces'}",
            f"--LabApp.user_settings_dir={state / 'settings'}"]


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make sysdeps` (scripts/system-deps.sh installs chromium)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=STEP_MS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def student_lab(tmp_path_factory):
    """`make lab`, as a student starts it: rooted at the repository."""
    with make_lab(lab_options(tmp_path_factory.mktemp("lab-state"))) as base:
        yield base


@pytest.fixture(scope="module")
def workdir():
    """A folder for notebook copies inside the server's root (git-ignored artifacts/)."""
    d = SHOTS / f"work-{os.getpid()}"
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(STEP_MS)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.problems = problems
    try:
        yield pg
    finally:
        context.close()


def copy_notebook(src: Path, workdir: Path, strip_outputs: bool = False) -> Path:
    """A copy of `src` at workdir/<assignment>/<file>, optionally without its outputs."""
    dest = workdir / src.parent.name / src.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    nb = read_nb(src)
    if strip_outputs:
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, str(dest))
    return dest


# --------------------------------------------------------------------------- JupyterLab driving
_WIDGET = "window.jupyterapp.shell.currentWidget"

KERNEL_IDLE = f"""() => {{
  const w = {_WIDGET};
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}}"""

# Done running: the kernel is idle, no cell waits ("[*]"), and cell `i` has run.
RUN_DONE = f"""(i) => {{
  const w = {_WIDGET};
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  const pending = [...w.content.node.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
  return !pending && w.content.widgets[i].model.executionCount !== null;
}}"""


class Notebook:
    """One notebook open in JupyterLab, driven through its menus, editor and toolbar."""

    def __init__(self, page, base: str, path: Path):
        self.page, self.path = page, path
        rel = path.relative_to(ROOT).as_posix()
        page.goto(f"{base}/lab/tree/{rel}?token={TOKEN}&reset")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=RUN_MS)
        page.wait_for_function(f"() => {_WIDGET} && {_WIDGET}.context && {_WIDGET}.context.path === {json.dumps(rel)}",
                               timeout=RUN_MS)
        self.wait_idle()

    def wait_idle(self):
        self.page.wait_for_function(KERNEL_IDLE, timeout=RUN_MS)

    def index(self, grade_id: str) -> int:
        i = self.page.evaluate(f"""(gid) => {_WIDGET}.content.widgets.findIndex(c => {{
            const m = c.model.getMetadata('nbgrader'); return !!m && m.grade_id === gid; }})""", grade_id)
        assert i >= 0, f"no cell with grade_id {grade_id} in the notebook open in JupyterLab"
        return i

    def cell(self, i: int):
        """The i-th cell's DOM node (tagged so that a locator can find it)."""
        self.page.evaluate(f"(i) => {{ {_WIDGET}.content.widgets[i].node.dataset.testIndex = String(i); }}", i)
        return self.page.locator(f'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell[data-test-index="{i}"]')

    def source(self, i: int) -> str:
        return self.page.evaluate(f"(i) => {_WIDGET}.content.widgets[i].model.sharedModel.getSource()", i)

    def type_into(self, grade_id: str, text: str):
        """Replace a cell's text as a student does: click into it (double-click a rendered
        text cell), select all, type; a text cell is then rendered with Shift+Enter."""
        i = self.index(grade_id)
        cell = self.cell(i)
        cell.scroll_into_view_if_needed()
        markdown = "jp-MarkdownCell" in cell.get_attribute("class")
        if markdown and cell.locator(".jp-MarkdownOutput").is_visible():
            cell.locator(".jp-MarkdownOutput").dblclick()
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(text)
        self.page.keyboard.press("Shift+Enter" if markdown else "Escape")
        got = self.source(i)
        assert got.strip() == text.strip(), f"the editor holds something else than what was typed:\n{got}"

    def menu(self, menu: str, command: str):
        self.page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=menu).first.click()
        self.page.locator(f'.lm-Menu .lm-Menu-item[data-command="{command}"]').click()

    def run_all(self, until: int):
        """Run → Run All Cells, then wait until cell `until` has run and the kernel is idle."""
        self.menu("Run", "runmenu:run-all")
        self.page.wait_for_function(RUN_DONE, arg=until, timeout=RUN_MS)

    def restart_and_clear(self):
        """Kernel → Restart Kernel and Clear Outputs of All Cells…, confirmed."""
        self.menu("Kernel", "kernelmenu:restart-and-clear")
        self.page.locator(".jp-Dialog .jp-mod-accept").click()
        self.page.wait_for_function(
            f"() => {_WIDGET}.content.widgets.every(c => c.model.type !== 'code' || c.model.executionCount === null)",
            timeout=RUN_MS)
        self.wait_idle()

    def outputs(self, i: int) -> str:
        return self.cell(i).locator(".jp-Cell-outputArea").inner_text()

    def error_outputs(self) -> list[str]:
        """Text of every error or stderr output on the page."""
        return self.page.eval_on_selector_all(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
            "els => els.map(e => e.innerText)")

    def last_code_cell(self) -> int:
        return self.page.evaluate(f"""() => {{ const ws = {_WIDGET}.content.widgets;
            let last = -1; ws.forEach((c, i) => {{ if (c.model.type === 'code') last = i; }}); return last; }}""")

    def validate(self) -> tuple[list[str], str]:
        """nbgrader's Validate button: (classes, text) of the result shown in its dialog."""
        self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .validate-button").click()
        msg = self.page.locator(".jp-Dialog #validation-message")
        msg.wait_for(timeout=RUN_MS)
        return msg.get_attribute("class").split(), msg.inner_text()

    def close_dialog(self):
        self.page.locator(".jp-Dialog .jp-mod-accept").click()
        self.page.locator(".jp-Dialog").wait_for(state="detached")

    def shot(self, name: str, target=None):
        """A screenshot of the page, with `target` (a cell's index, or a locator) scrolled into view."""
        if target is not None:
            target = self.cell(target) if isinstance(target, int) else target
            target.scroll_into_view_if_needed()
            expect(target).to_be_in_viewport()  # and drawn: JupyterLab paints only what is on screen
        self.page.screenshot(path=str(SHOTS / f"{name}.png"))


# --------------------------------------------------------------------------- student
def test_student_answers_runs_and_validates_00(browser, page, student_lab, workdir):
    path = copy_notebook(release_path(START), workdir)
    nb = Notebook(page, student_lab, path)
    answer = reference_answers(START)["one-hot"]
    nb.type_into("one-hot", answer)
    written = reference_answers(START)["xray-labels"]
    nb.type_into("xray-labels", written)
    tests = nb.index("one-hot-tests")

    nb.run_all(until=tests)
    out = nb.outputs(tests)
    nb.shot("00-right-answer", tests)
    assert "one_hot: tests passed" in out, f"the test cell shows:\n{out}"
    assert nb.error_outputs() == [], f"errors on the page after a right answer: {nb.error_outputs()}"

    classes, text = nb.validate()
    nb.shot("00-validate-right")
    assert "validation-success" in classes, f"Validate did not report success:\n{text}"
    assert "Success! Your notebook passes all the tests." in text
    nb.close_dialog()
    saved = read_nb(path)  # Validate saves the notebook first: the typed answer is on disk
    saved_cell = next(c for c in saved.cells if nbg(c).get("grade_id") == "one-hot")
    assert saved_cell.source.strip() == answer.strip()

    wrong = (CATALOGS / START / "one-hot" / "wrong_transposed.py").read_text(encoding="utf-8")
    nb.restart_and_clear()
    nb.type_into("one-hot", wrong)
    nb.run_all(until=tests)
    out = nb.outputs(tests)
    nb.shot("00-wrong-answer", tests)
    assert "AssertionError" in out and "3 labels and 4 classes give shape (3, 4), not (4, 3)" in out, \
        f"the test cell does not show the failing assertion:\n{out}"
    assert "tests passed" not in out
    assert any("AssertionError" in e for e in nb.error_outputs()), "the traceback is not shown as an error"

    classes, text = nb.validate()
    nb.shot("00-validate-wrong")
    assert "validation-failed" in classes, f"Validate did not report the failure:\n{text}"
    assert "give shape (3, 4), not (4, 3)" in text
    nb.close_dialog()
    assert page.problems == [], page.problems


def test_figures_render_as_images_01(browser, page, student_lab, workdir):
    name = "01-sigmoid"
    src = solution_path(name)
    expected = sum("image/png" in o.get("data", {}) for c in read_nb(src).cells if c.cell_type == "code"
                   for o in c.outputs)
    assert expected >= 3
    nb = Notebook(page, student_lab, copy_notebook(src, workdir, strip_outputs=True))
    nb.run_all(until=nb.last_code_cell())
    assert nb.error_outputs() == [], f"errors or warnings on the page: {nb.error_outputs()}"
    images = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img")
    assert images.count() == expected, f"{images.count()} images on the page, the notebook has {expected}"
    for k in range(expected):
        # JupyterLab lays out only what is on screen: measure each figure there.
        img = images.nth(k)
        img.scroll_into_view_if_needed()
        expect(img).to_be_in_viewport()
        got = img.evaluate("""i => { const o = i.closest('.jp-OutputArea-output').getBoundingClientRect();
                                     const r = i.getBoundingClientRect();
                                     return {done: i.complete, w: i.naturalWidth, h: i.naturalHeight, shown: r.width,
                                             area: o.width, left: r.left - o.left, right: o.right - r.right}; }""")
        if k == 0:
            page.screenshot(path=str(SHOTS / "01-figure.png"))
        assert got["done"] and got["w"] > 100 and got["h"] > 100, f"figure {k + 1} did not load: {got}"
        assert got["left"] >= 0 and got["right"] >= 0, f"figure {k + 1} is wider than the output area: {got}"
        # Figures are drawn at 110 dpi or more, so a wide one may be scaled down to the output
        # area (sharper on high-density screens); it must never be shown smaller than that.
        assert got["shown"] >= 0.99 * min(got["w"], got["area"]), f"figure {k + 1} is shown too small: {got}"
    assert page.problems == [], page.problems


def test_temperature_slider_renders_and_redraws_03(browser, page, student_lab, workdir):
    name = "03-smooth-argmax"
    nb = Notebook(page, student_lab, copy_notebook(solution_path(name), workdir, strip_outputs=True))
    i = page.evaluate(f"() => {_WIDGET}.content.widgets.findIndex("
                      "c => c.model.sharedModel.getSource().includes('FloatLogSlider'))")
    assert i >= 0, "03 has no cell that makes the temperature slider"
    nb.run_all(until=nb.last_code_cell())
    out = nb.cell(i).locator(".jp-Cell-outputArea")
    assert "No widget front end" not in out.inner_text(), "JupyterLab got the text fallback instead of the slider"
    out.locator(".widget-slider").wait_for(timeout=STEP_MS)
    readout = out.locator(".widget-readout").first
    plot = out.locator("img")
    plot.wait_for(timeout=STEP_MS)
    nb.shot("03-slider", out)
    assert readout.inner_text().strip() == "1.00"
    before = plot.get_attribute("src")
    # One step to the right, from the keyboard: the kernel redraws the bar chart for T = 1.12.
    out.locator(".noUi-handle, .ui-slider-handle").first.focus()
    page.keyboard.press("ArrowRight")
    expect(readout).to_have_text("1.12", timeout=STEP_MS)
    page.wait_for_function("([area, old]) => { const i = area.querySelector('img'); return !!i && i.src !== old; }",
                           arg=[out.element_handle(), before], timeout=STEP_MS)
    nb.shot("03-slider-moved", out)
    assert nb.error_outputs() == [], f"errors or warnings on the page: {nb.error_outputs()}"
    assert page.problems == [], page.problems


# --------------------------------------------------------------------------- instructor
def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    from coursekit.runner import tool_env

    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=dict(tool_env(), PYTHONWARNINGS="ignore"))
    assert proc.returncode == 0, f"{' '.join(map(str, args))}:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc


def build_graded_course(course: Path) -> Path:
    """A course folder as INSTRUCTORS.md sets it up (as tests/test_instructor_flow.py does), with
    two autograded submissions of 00: ada (reference answers) and bob (a wrong one-hot)."""
    shutil.copytree(SOLUTIONS / START, course / "solutions" / START,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for f in ("nbgrader_config.py", "pyproject.toml"):
        shutil.copy(ROOT / f, course / f)
    run([sys.executable, "-m", "coursekit", "--root", str(course), "release"], ROOT)
    run([sys.executable, "-m", "coursekit", "--root", str(course), "gradebook"], ROOT)
    released = read_nb(course / "notebooks" / START / f"{START}.ipynb")
    answers = reference_answers(START)
    wrong = (CATALOGS / START / "one-hot" / "wrong_transposed.py").read_text(encoding="utf-8")
    for student, nb in (("ada", fill(released, answers)), ("bob", fill(released, {**answers, "one-hot": wrong}))):
        d = course / "submitted" / student / START
        d.mkdir(parents=True)
        nbformat.write(nb, str(d / f"{START}.ipynb"))
    run([sys.executable, "-m", "nbgrader", "autograde", START], course)
    return course


@pytest.fixture(scope="module", autouse=True)
def course_in_background(request, tmp_path_factory):
    """Release, gradebook and autograde take about 40 s of subprocesses: start them at once, in a
    thread, while the student tests use the browser (only when the instructor test will run)."""
    wanted = any(item.module is request.module and item.name == INSTRUCTOR_TEST for item in request.session.items)
    if not wanted:
        yield None
        return
    with ThreadPoolExecutor(1) as pool:
        yield pool.submit(build_graded_course, tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="module")
def graded_course(course_in_background) -> Path:
    return course_in_background.result(timeout=600)


INSTRUCTOR_TEST = "test_instructor_grades_the_written_answer_in_formgrader"


def test_instructor_grades_the_written_answer_in_formgrader(browser, page, graded_course):
    from nbgrader.api import Gradebook

    course = graded_course
    with lab_in(course, lab_options(course.parent / "lab-state")) as base:
        page.goto(f"{base}/lab?token={TOKEN}&reset")
        # JupyterLab's Nbgrader menu -> Formgrader: formgrader opens in a tab, in an iframe
        page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Nbgrader").first.click()
        page.locator('.lm-Menu .lm-Menu-item[data-command="nbgrader:open-formgrader"]').click()
        fg = page.frame_locator('iframe[src*="formgrader"]')

        # Manage Assignments: the assignment and its two submissions
        row = fg.locator("tbody tr", has=fg.locator("td.name", has_text=START))
        row.locator("td.num-submissions a").wait_for(timeout=RUN_MS)
        page.screenshot(path=str(SHOTS / "formgrader-assignments.png"))
        assert row.locator("td.num-submissions").inner_text().strip() == "2"

        # Manual Grading -> 00-start-here -> 00-start-here: the submissions, each needing a manual grade
        fg.locator("a", has_text="Manual Grading").first.click()
        fg.locator("tbody td a", has_text=START).first.click()   # the assignment
        fg.locator("tbody td a", has_text=START).first.click()   # its notebook
        needs_grade = fg.locator("tbody tr td.needs-manual-grade span")
        expect(needs_grade).to_have_count(2, timeout=RUN_MS)    # both wait for the written answer's grade
        expect(fg.locator("tbody tr")).to_have_count(2)
        # A row is found by its student's name even while the names are hidden ("Submission #1").
        ada = fg.locator("tbody tr", has=fg.locator("a.name-shown", has_text="ada"))
        fg.locator("#toggle_names").click()                      # "Show All Names", for the screenshot
        page.screenshot(path=str(SHOTS / "formgrader-submissions.png"))

        # ada's submission: her written answer is shown; type 1 point and leave the field
        ada.locator("td.name a:visible").first.click()
        score = fg.locator("input.score#xray-labels")
        score.wait_for(timeout=RUN_MS)
        assert fg.locator(".live-notebook a.name-shown").text_content().strip() == "ada"
        assert "mutually exclusive" in fg.locator("body").inner_text()
        with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT",
                                  timeout=STEP_MS) as put:
            score.fill("1")
            score.press("Tab")
        assert put.value.ok, f"formgrader could not save the grade: {put.value.status}"
        score.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "formgrader-manual-grade.png"))

        # Back in the list, ada's score now counts the written answer
        fg.locator(".breadcrumb a", has_text=START).last.click()
        expect(ada.locator("td.score")).to_have_text(re.compile(r"^\s*3 / 3\s*$"), timeout=RUN_MS)
        expect(ada.locator("td.needs-manual-grade span")).to_have_count(0)
        page.screenshot(path=str(SHOTS / "formgrader-graded.png"))
        # formgrader loads MathJax 2 from cdnjs (nbconvert's HTMLExporter.mathjax_url); with no
        # internet its grading page raises "MathJax is not defined". Anything else is a bug.
        assert [e for e in page.problems if "MathJax" not in e] == [], page.problems

    # The grade is in the gradebook ...
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        grade = gb.find_grade("xray-labels", START, START, "ada")
        assert grade.manual_score == 1 and grade.score == 1 and grade.max_score == 1
        assert gb.find_submission(START, "ada").score == 3
        assert gb.find_grade("xray-labels", START, START, "bob").manual_score is None
    # ... and in the exported grades
    run([sys.executable, "-m", "nbgrader", "export", "--to", str(course / "grades.csv")], course)
    rows = {r["student_id"]: r for r in csv.DictReader(open(course / "grades.csv", encoding="utf-8"))}
    assert float(rows["ada"]["raw_score"]) == 3.0 and float(rows["ada"]["max_score"]) == 3.0
    assert float(rows["bob"]["raw_score"]) == 0.0
