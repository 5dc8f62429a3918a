"""Local fakes of the outside services LiveDesk talks to (for unit and UI tests)."""
