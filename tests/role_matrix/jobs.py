from . import ALL

# Any signed-in role may open a job's page; only the requester and admins see a particular job
# (tested in tests/test_jobs.py). The world's job belongs to the signed-in visitor.
EXPECTED = {
    "jobs.show": ALL,
    "jobs.status": ALL,
    "jobs.download": ALL,
    "jobs.retry": ALL,
}
