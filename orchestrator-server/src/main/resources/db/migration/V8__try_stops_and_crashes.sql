-- A try taken away from its instance (marked, cleared) keeps running until its node has stopped
-- it; until then stopping_try holds its number and no new try of the instance starts. The node
-- that runs it stays in node, so a dead node's stops can be declared lost.
ALTER TABLE task_instance ADD COLUMN stopping_try INT;
CREATE INDEX task_instance_stopping ON task_instance (stopping_try);
-- How many times a node died (killed, crashed, exited from inside a task) while a try of this
-- instance ran; at the limit the instance fails for good whatever its retries. A clear resets it.
ALTER TABLE task_instance ADD COLUMN crashes INT DEFAULT 0 NOT NULL;
