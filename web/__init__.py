"""The web face of petition screening (installed as `screening_web`): an HTML form for office staff and a JSON API.

    from screening_web.app import create_app
    app = create_app()            # the process-wide default screener, see screening.pipeline.default_screener()
"""
