"""The web face of petition screening: an HTML form for office staff and a JSON API.

    from web.app import create_app
    app = create_app()            # uses screening.pipeline.get_default_screener()
"""
