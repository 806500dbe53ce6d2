"""Exit 0 when the PostgreSQL and Redis given on the command line answer, else 1."""

import sys

import dj_database_url
import psycopg2
import redis


def main(database_url: str, broker_url: str) -> int:
    config = dj_database_url.parse(database_url)
    try:
        psycopg2.connect(
            host=config["HOST"],
            port=config["PORT"] or 5432,
            user=config["USER"],
            password=config["PASSWORD"],
            dbname="postgres",
            connect_timeout=3,
        ).close()
        redis.Redis.from_url(broker_url, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        print(f"Not ready: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
