"""A calm light look. Risk and warnings never rely on colour alone: they always carry words."""

STYLE_SHEET = """
QWidget { font-size: 14px; }
QLabel#loginTitle { font-size: 26px; font-weight: 600; color: #1f3a5f; }
QFrame#loginBox { background: #ffffff; border: 1px solid #d0d7e2; border-radius: 8px; padding: 18px; }
QLabel#loginMessage { color: #9a3412; }
QLabel#demoBanner { background: #fff4d6; border: 1px solid #e0b341; border-radius: 4px; padding: 8px; color: #5c4400; }
QLabel#callTimer { font-size: 24px; font-weight: 600; font-family: monospace; color: #1f3a5f; padding: 0 12px; }
QLabel#guardFindings { background: #fdecea; border: 1px solid #e4a29b; border-radius: 4px; padding: 4px 8px;
                        color: #8e1c12; }
QLabel#caseHistory { background: #eef4fb; border-radius: 4px; padding: 6px; }
QLabel#keyringWarning { color: #9a3412; }
QLabel#recoveryCode { padding: 12px; background: #f4f6f9; border: 1px dashed #7a8aa0; }
QGroupBox { font-weight: 600; margin-top: 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
QToolBar#callToolbar QToolButton { padding: 4px 10px; }
"""
