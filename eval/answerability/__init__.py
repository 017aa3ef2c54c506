"""Training and measuring the answerability judge: the signals of every dev question
(``dataset``), a model fitted and scored leave-one-document-out (``fit``), and its report
with the calibration plot and the per-signal ablation (``report``)."""
