#!/bin/sh
# The official image's environment contract, in short: an empty data directory is
# initialised, root gets MYSQL_ROOT_PASSWORD, MYSQL_DATABASE is created and MYSQL_USER /
# MYSQL_PASSWORD may use it from any host; the setup runs with networking off, so a TCP
# health check (mysqladmin ping -h 127.0.0.1) passes only once the server is really up.
set -eu
datadir=/var/lib/mysql
mkdir -p "$datadir" /run/mysqld && chown -R mysql:mysql "$datadir" /run/mysqld
if [ ! -d "$datadir/mysql" ]; then
  if [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ]; then
    echo "error: database is uninitialized and MYSQL_ROOT_PASSWORD is not set" >&2
    exit 1
  fi
  mariadb-install-db --user=mysql --datadir="$datadir" --auth-root-authentication-method=normal >/dev/null
  mariadbd --user=mysql --datadir="$datadir" --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  for _ in $(seq 60); do mariadb-admin --socket=/run/mysqld/init.sock ping --silent 2>/dev/null && break; sleep 0.5; done
  {
    # mariadb-install-db's anonymous users would match local clients before MYSQL_USER does.
    printf "DROP USER IF EXISTS ''@'localhost', ''@'%s';\n" "$(hostname)"
    printf "ALTER USER 'root'@'localhost' IDENTIFIED BY '%s';\n" "${MYSQL_ROOT_PASSWORD:-}"
    printf "CREATE USER 'root'@'%%' IDENTIFIED BY '%s'; GRANT ALL ON *.* TO 'root'@'%%' WITH GRANT OPTION;\n" "${MYSQL_ROOT_PASSWORD:-}"
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      printf 'CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4;\n' "$MYSQL_DATABASE"
    fi
    if [ -n "${MYSQL_USER:-}" ]; then
      printf "CREATE USER '%s'@'%%' IDENTIFIED BY '%s';\n" "$MYSQL_USER" "${MYSQL_PASSWORD:-}"
      [ -z "${MYSQL_DATABASE:-}" ] || printf 'GRANT ALL ON `%s`.* TO '"'"'%s'"'"'@'"'"'%%'"'"';\n' "$MYSQL_DATABASE" "$MYSQL_USER"
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --socket=/run/mysqld/init.sock -uroot
  kill "$pid" && wait "$pid" || true
  echo "MySQL (MariaDB stand-in) init process done. Ready for start up."
fi
[ $# -gt 0 ] || set -- mariadbd
if [ "$1" = mariadbd ] || [ "$1" = mysqld ]; then
  shift
  exec setpriv --reuid=mysql --regid=mysql --init-groups mariadbd --datadir="$datadir" --bind-address=0.0.0.0 --port=3306 "$@"
fi
exec "$@"
