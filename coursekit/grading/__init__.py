"""Grading: ``course grade`` and the nbgrader preprocessors and plugins that
nbgrader_config.py uses, one module per stage (see GRADING.md and pipeline.py):

collect -> normalise -> [integrity -> execute (kernel + plainrun, sandbox, zygote) ->
verdict -> feedback: inside nbgrader, in the autograde worker pool] -> report.
"""
