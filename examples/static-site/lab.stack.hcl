# The team's home lab: two machines that serve preview builds of the site to testers in dev and
# staging, configured with Ansible from the inventory stackc writes (production has no lab hosts, so
# it gets no inventory). They are not created by stackc; the stack lists them so the inventory
# never drifts from it.

host_group "lab" {
  children = [host_group.previews]
  vars = {
    ntp_servers         = ["0.pool.ntp.org", "1.pool.ntp.org"]
    unattended_upgrades = true
  }
}

host_group "previews" {
  vars = {
    nginx_worker_processes = 2
    site                   = { name = "monkeytown", root = "/srv/monkeytown", environment = env.name }
    # Where previews push smoke-test results: the environment's cluster API (known after apply).
    cluster_endpoint = cluster.web.endpoint
  }
}

host "lab-1" {
  enabled = env.profile != "production"
  address = "192.168.10.21"
  user    = "deploy"
  groups  = [host_group.previews]
  vars = {
    cache_size_mb = 512
    # The New Relic license key of the site's secret, looked up when a play needs it.
    newrelic = secret.web
  }
}

host "lab-2" {
  enabled = env.profile != "production"
  address = "lab-2.home.arpa"
  port    = 2222
  user    = "deploy"
  python  = "/usr/bin/python3.12"
  groups  = [host_group.lab]
}
