"""Parts of the 首页 tab: reminder list, charts, background loading, quick actions."""
