"""执委述职评议 at year end and the 规范化建设自查表.

Modules: ``ballots`` (counted 民主测评 ballots → satisfaction rate, read by the annual assessment),
``sheets`` (what one member's 述职表 shows, read from the other domains), ``printout`` (述职表 and 测评票),
``self_check`` (the quantified self-check), ``demo``.
"""
