#!/bin/sh
# Entry point of the compose Redis: writes the ACL file the command's --aclfile names, then starts Redis through the
# image's own entry point (which drops root). The default user is switched off; the one user, ivr-storage, may run
# every command except the administrative and dangerous ones (CONFIG, ACL SETUSER, FLUSHALL, DEBUG, ...). The file
# holds the password's SHA-256 only, in a tmpfs, and the password never appears on a command line (where `ps` on the
# host would show it).
set -eu
acl=/run/ivr-storage/users.acl
hash=$(printf %s "${IVR_REDIS_PASSWORD:?set IVR_REDIS_PASSWORD}" | sha256sum | cut -d' ' -f1)
(umask 077 && printf 'user default off\nuser ivr-storage on #%s ~* &* +@all -@admin -@dangerous\n' "$hash" > "$acl")
chown redis:redis "$acl"
unset IVR_REDIS_PASSWORD
exec docker-entrypoint.sh "$@"
