"""Start the Career Advisor web app: ``python app.py`` → http://127.0.0.1:7860 (ADVISOR_HOST / ADVISOR_PORT).

Only assembly happens here: settings from the environment, the app from its factory, uvicorn.
"""

from __future__ import annotations

import logging

import uvicorn

from advisor.settings import Settings
from advisor.web.factory import create_app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings()
    app = create_app(settings)
    logging.getLogger(__name__).info("Career Advisor on http://%s:%d", settings.host, settings.port)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")


if __name__ == "__main__":
    main()
