"""The pages of the 网格 tab: grids, households, service log, coverage, women's council."""
