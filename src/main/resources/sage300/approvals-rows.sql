INSERT INTO Autoriza_OC (PONumber, Autorizada, Empresa) VALUES
    ('PO0001', 1, 'COPDAT'), ('PO0002', 1, 'COPDAT'), ('PO0003', 1, 'COPDAT'),
    ('PO0004', 1, 'COPDAT'), ('PO0005', 1, 'COPDAT'), ('PO0006', 1, 'COPDAT'),
    ('PO0001', 1, 'OTRADB');
INSERT INTO Autoriza_OC_detalle (Empresa, PONumber, Fecha) VALUES
    ('COPDAT', 'PO0001', '2026-12-05 16:20:00'),
    ('COPDAT', 'PO0001', '2026-12-07 08:15:00'),
    ('COPDAT', 'PO0002', '2026-11-20 11:00:00'),
    ('COPDAT', 'PO0003', '2026-12-02 09:00:00'),
    ('COPDAT', 'PO0004', '2026-11-10 09:00:00'),
    ('COPDAT', 'PO0005', '2026-12-03 09:00:00'),
    ('COPDAT', 'PO0006', '2026-12-06 13:00:00');
