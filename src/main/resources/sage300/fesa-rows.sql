INSERT INTO fesaParam (idCia, Parametro, Valor) VALUES
    ('COPDAT', 'RFCReceptor', 'CDA010101AAA'),
    ('COPDAT', 'DataBase', 'COPDAT'),
    ('COPDAT', 'BancoAP', 'BANORTE'),
    ('COPDAT', 'NumCtaAP', '0123456789'),
    ('COPDAT', 'FechaCFD', 'FECHATIMBRE'),
    ('COPDAT', 'FolioCFD', 'FOLIOCFD'),
    ('COPDAT', 'FormaPago', '03'),
    ('COPDAT', 'MetodoPago', 'PPD'),
    ('COPDAT', 'PasswordA', ''),
    ('COPDAT', 'UserAccpac', 'ADMIN');
-- History from SageConnect: PO0002 was sent before Gatehouse ran; PO0003, PO0004, PO0005 too.
INSERT INTO fesaOCFocaltec (idFocaltec, ocSage, status, lastUpdate, createdAt, responseAPI, idDatabase) VALUES
    ('650a1b2c3d4e5f6a7b8c9d02', 'PO0002', 'POSTED', '2026-11-21', '2026-11-21 09:15:00', NULL, 'COPDAT'),
    ('650a1b2c3d4e5f6a7b8c9d03', 'PO0003', 'POSTED', '2026-12-02', '2026-12-02 10:30:00', NULL, 'COPDAT'),
    ('650a1b2c3d4e5f6a7b8c9d04', 'PO0004', 'POSTED', '2026-11-11', '2026-11-11 08:00:00', NULL, 'COPDAT'),
    ('650a1b2c3d4e5f6a7b8c9d05', 'PO0005', 'POSTED', '2026-12-03', '2026-12-03 12:00:00', NULL, 'COPDAT');
INSERT INTO fesaPagosFocaltec (idCia, NoPagoSage, status, idFocaltec) VALUES
    ('COPDAT', 'PY0007', 'PAID', '660b1c2d3e4f5a6b7c8d9e07');
