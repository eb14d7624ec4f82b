"""nbgrader configuration of the course (read by every `nbgrader` command run here).

solutions/NN-topic/NN-topic.ipynb is the source of assignment NN-topic;
notebooks/NN-topic/NN-topic.ipynb is its release. Submissions, autograded
copies, feedback and gradebook.db are instructor-only and git-ignored.
"""
import os

c = get_config()  # noqa: F821 (provided by nbgrader)

here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = here
c.CourseDirectory.course_id = "activations-course"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
# Never copy these from an assignment folder into its release.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]

# Execution. nbgrader's 30 s per cell is tight for a torch cell on a slow laptop
# and generous for an infinite loop; 120 s holds every cell of the course with a
# wide margin (the slowest takes a few seconds, see `make bench`).
c.Execute.timeout = 120
c.Execute.startup_timeout = 120  # seconds for the kernel to start
c.Execute.interrupt_on_timeout = True
c.Execute.shutdown_kernel = "immediate"  # the outputs are in; saves ~0.5-1 s a notebook

# A test cell that writes anything to stderr scores 0 in plain nbgrader, so a
# correct answer that triggers a harmless warning (a numpy RuntimeWarning, a
# torch UserWarning) would lose its points. Drop stderr outputs that are warnings;
# errors (tracebacks) are not stderr streams and still fail the cell. Test cells
# that care about warnings turn them into errors themselves.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"Warning"

# A test cell deleted by a student (Colab ignores "deletable": false) is put
# back from the gradebook and run, instead of scoring 0 and waiting for a human.
c.OverwriteCells.add_missing_cells = True

# A `skip-execution` tag on a test cell would skip it and earn its points:
# strip execution-changing tags before running (coursekit/grading/preprocessors.py).
# CheckSubmission records deleted/edited cells, tags and monkeypatching before the
# original cells are put back (coursekit/grading/integrity.py).
c.Autograde.sanitize_preprocessors = [
    "coursekit.grading.integrity.CheckSubmission",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",  # unknown kernel names -> the source's
    "nbgrader.preprocessors.OverwriteCells",       # locked and test cells -> the source's
    "coursekit.grading.preprocessors.StripExecutionTags",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# The protections of grading live here, so that `nbgrader autograde`, formgrader's
# autograde button and `course grade` give the same points (GRADING.md, "Threat model"):
# - SandboxedExecute runs the kernel in a bubblewrap sandbox, in a scratch folder that is
#   deleted afterwards, and runs the notebook's code a second time as plain Python (no
#   IPython hooks can touch that run); without bubblewrap it refuses to run student code
#   (SandboxedExecute.sandbox = False grades anyway, flagging every notebook);
# - Verdict keeps a test cell's points only where both runs passed it, withholds them
#   from monkeypatching notebooks, and limits every output's size, images included.
c.Autograde.autograde_preprocessors = [
    "coursekit.grading.execute.SandboxedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbgrader.preprocessors.LimitOutput",
    "coursekit.grading.verdict.Verdict",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Feedback shows which test failed and its message, never the hidden tests' source
# (HideHiddenTests.enabled = False shows them).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "coursekit.grading.feedback.HideHiddenTests",
]
# LMS downloads (Canvas, Moodle, Blackboard) keyed by the LMS user id, for
# `nbgrader zip_collect` as for `course grade --zip`; `nbgrader export` writes the same
# columns as `course grade` (the display name and every graded cell's points).
c.ZipCollectApp.collector_plugin = "coursekit.grading.collect.LmsFileNameCollector"
c.ExportApp.plugin_class = "coursekit.grading.report.CourseCsvExport"
