"""The show rundown (直播脚本): segments with their goods, scene, lottery, talking points and
cue actions (``model``), the file a 场控 writes (``document``, docs/rundown.md), the checks
against the command registry and the room (``validate``), the brief's flow as a starting
rundown (``template``), the live run with its back-timer (``run``) and the service that fires
cues through the command router (``service``)."""
