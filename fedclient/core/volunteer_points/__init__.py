"""巾帼志愿积分: volunteer hours (recorded on grid services and pledge progress entries) turned into points by
the chair's rule, star levels, a ledger per volunteer, redemptions (积分超市) and the printed 积分证.

Modules: ``rules`` (hours → points, star levels; settings), ``ledger`` (hours, points and balance per member,
one member's entries, redemptions), ``report`` (the monthly workbook's extra indicator), ``card`` (积分证),
``demo``.
"""
