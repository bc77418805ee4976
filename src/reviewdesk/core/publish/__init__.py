"""Publishing a review to a site: named sites and their secrets, where a review went
(`publish.yaml`), the WordPress client and the steps of a publish. No Qt: the command line
and the app share it."""
